package llmbench.report;

import llmbench.config.BadInputException;
import picocli.CommandLine;

/**
 * Parses a command's arguments into its picocli-annotated object; a bad command line (unknown option, missing
 * or empty value) is a {@link BadInputException} whose one line ends with the command's usage synopsis.
 */
final class CommandLineArgs {
    private CommandLineArgs() {
    }

    static <T> T parse(T spec, String[] args) {
        CommandLine cl = new CommandLine(spec);
        String usage = " (usage: " + cl.getHelp().synopsis(0).strip() + ")";
        try {
            CommandLine.ParseResult parsed = cl.parseArgs(args);
            for (CommandLine.Model.OptionSpec o : parsed.matchedOptions()) {
                Object v = o.getValue();
                if (v != null && !o.usageHelp() && !o.versionHelp() && v.toString().isBlank()) {
                    throw new BadInputException(o.longestName() + " needs a value" + usage);
                }
            }
        } catch (CommandLine.ParameterException e) {
            throw new BadInputException(e.getMessage() + usage);
        }
        return spec;
    }

    /** Prints the usage and returns true when {@code --help} (or {@code -h}) is among the arguments. */
    static boolean helpAsked(Object spec, String[] args) {
        CommandLine cl = new CommandLine(spec);
        try {
            cl.parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            return false;
        }
        if (cl.isUsageHelpRequested()) {
            cl.usage(System.out);
            return true;
        }
        return false;
    }
}
