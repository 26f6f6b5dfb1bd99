package llmbench.refserver.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import llmbench.clock.EpochClock;
import llmbench.refserver.groundtruth.GroundTruth;
import llmbench.refserver.groundtruth.GroundTruthLog;
import llmbench.refserver.model.Tokenizer;
import llmbench.refserver.scheduler.TokenSink;

/**
 * A non-streaming response (seed §1.5): collects the text and answers once. completion_tokens is the
 * number of token events minus a trailing EOS, or, when a stop string cut the text, the token count of
 * the cut text (the seed re-encodes it). No answer within max(first-token, request) timeout seconds →
 * 504 {@code Request timed out} and the sequence is cancelled (ground truth: finish_reason "timeout").
 */
final class BufferedCompletion implements TokenSink {
    private final Channel channel;
    private final String id;
    private final boolean chat;
    private final String model;
    private final boolean keepAlive;
    private final int promptTokens;
    private final long receivedEpochUs;
    private final GroundTruthLog truth;
    private final Tokenizer tokenizer;
    private final ChannelFutureListener onClose;
    private final StringBuilder text = new StringBuilder();
    private final Runnable cancel;
    private final ScheduledFuture<?> timer;
    /** Answered, timed out or cancelled; event loop only. */
    private boolean ended;

    BufferedCompletion(Channel channel, String id, boolean chat, String model, boolean keepAlive, int promptTokens,
                       long receivedEpochUs, GroundTruthLog truth, Tokenizer tokenizer, ChannelFutureListener onClose,
                       Runnable cancel, double timeoutS) {
        this.channel = channel;
        this.id = id;
        this.chat = chat;
        this.model = model;
        this.keepAlive = keepAlive;
        this.promptTokens = promptTokens;
        this.receivedEpochUs = receivedEpochUs;
        this.truth = truth;
        this.tokenizer = tokenizer;
        this.onClose = onClose;
        this.cancel = cancel;
        this.timer = channel.eventLoop().schedule(this::timeOut, (long) (timeoutS * 1e9), TimeUnit.NANOSECONDS);
    }

    private void timeOut() {
        if (ended) {
            return;
        }
        ended = true;
        cancel.run();
        channel.closeFuture().removeListener(onClose);
        truth.add(new GroundTruth(id, receivedEpochUs, null, null, promptTokens, 0, "timeout"));
        Responses.error(channel, ApiError.http(504, "Request timed out"), keepAlive);
    }

    @Override
    public Emission prepare(List<Chunk> chunks, Completion completion) {
        for (Chunk c : chunks) {
            text.append(c.text());
        }
        if (completion == null) {
            return null;
        }
        String content = text.toString();
        int completionTokens = completion.stoppedBySequence() ? tokenizer.count(content)
                : completion.tokenEvents() - (completion.endedWithEos() ? 1 : 0);
        ObjectNode root = Responses.JSON.createObjectNode();
        root.put("id", id);
        root.put("object", chat ? "chat.completion" : "text_completion");
        root.put("created", System.currentTimeMillis() / 1000);
        root.put("model", model);
        ObjectNode choice = root.putArray("choices").addObject();
        choice.put("index", 0);
        if (chat) {
            ObjectNode message = choice.putObject("message");
            message.put("role", "assistant");
            message.put("content", content);
            message.putNull("name");
            message.putNull("tool_calls");
            message.putNull("tool_call_id");
        } else {
            choice.put("text", content);
        }
        choice.put("finish_reason", completion.finishReason());
        ObjectNode usage = root.putObject("usage");
        usage.put("prompt_tokens", promptTokens);
        usage.put("completion_tokens", completionTokens);
        usage.put("total_tokens", promptTokens + completionTokens);
        if (completion.cachedPromptTokens() != null) {
            usage.putObject("prompt_tokens_details").put("cached_tokens", completion.cachedPromptTokens());
        }
        if (completion.timings() != null) {
            root.set("timings", TimingsJson.of(completion.timings()));
        }

        byte[] body = Responses.bytes(root);
        return new Emission() {
            @Override
            public java.util.concurrent.Executor executor() {
                return channel.eventLoop();
            }

            @Override
            public void send() {
                if (ended) {
                    return;
                }
                ended = true;
                timer.cancel(false);
                channel.closeFuture().removeListener(onClose);
                ChannelPromise promise = channel.newPromise();
                promise.addListener(f -> {
                    Long now = f.isSuccess() ? EpochClock.nowMicros() : null;
                    truth.add(new GroundTruth(id, receivedEpochUs, content.isEmpty() ? null : now, now, promptTokens,
                            completionTokens, f.isSuccess() ? completion.finishReason() : "cancelled"));
                });
                Responses.send(channel, HttpResponseStatus.OK, body, keepAlive, false, promise);
            }
        };
    }

    @Override
    public void onCancelled() {
        channel.eventLoop().execute(() -> {
            if (ended) {
                return;
            }
            ended = true;
            timer.cancel(false);
            channel.closeFuture().removeListener(onClose);
            truth.add(new GroundTruth(id, receivedEpochUs, null, null, promptTokens, 0, "cancelled"));
            if (channel.isOpen()) {
                channel.close();
            }
        });
    }
}
