package llmbench.refserver;

import llmbench.refserver.settings.ReferenceServerConfig;

/**
 * Child-process probe: start the reference server with the llama engine, serve one streamed request, close the
 * server, return from main. The JVM must then exit by itself (daemon event loops, the llama exit guard).
 */
public final class LlamaServerExitProbeMain {

    public static void main(String[] args) {
        ReferenceServer server = ReferenceServer.start(ReferenceServerConfig.defaults().withFlags("--engine=llama")
                .withModelFile(args[0]).withFlags("--parallel=2", "--ctx-size=1024", "--threads=1"));
        RefClient.Sse sse = new RefClient(server.baseUrl()).stream("/v1/chat/completions",
                "{\"messages\": [{\"role\": \"user\", \"content\": \"Hi\"}], \"max_tokens\": 8, \"stream\": true}");
        System.out.println("probe received " + sse.data().size() + " events, last " + sse.data().get(sse.data().size() - 1));
        server.close();
        System.out.println("probe closed " + System.nanoTime());
    }
}
