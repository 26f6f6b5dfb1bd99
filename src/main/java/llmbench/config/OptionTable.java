package llmbench.config;

/**
 * The README's option table, generated from {@link Options}: one row per declared option. {@code main} prints
 * it for pasting into README.md; {@code OptionTableTest} fails when README.md holds another table.
 */
public final class OptionTable {
    public static final String HEADER = "| option | default | values | meaning |\n|---|---|---|---|\n";

    private OptionTable() {
    }

    public static String markdown() {
        StringBuilder b = new StringBuilder(HEADER);
        for (Option<?> o : Options.all()) {
            b.append("| `").append(o.name()).append("` | ").append(o.defaultText()).append(" | ")
                    .append(o.values().replace("|", "\\|")).append(" | ").append(o.help()).append(" |\n");
        }
        return b.toString();
    }

    public static void main(String[] args) {
        System.out.print(markdown());
    }
}
