package dev.videop2r.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;

/** What `--help` shows must read as text: whole-sentence summaries, and placeholders that are words. */
class HelpTextTest {

  /** picocli's fallback label ({@code <out>}, from the field name) rather than a written one ({@code DIR}). */
  private static final Pattern FIELD_NAME_LABEL = Pattern.compile("<[a-z][A-Za-z0-9]*>");

  @Test
  void everyCommandSummaryIsAWholeSentence() {
    List<String> cut = new ArrayList<>();
    walk(Main.commandLine(), cli -> {
      String[] description = cli.getCommandSpec().usageMessage().description();
      if (description.length > 0) {
        String first = description[0].strip();
        if (!(first.endsWith(".") || first.endsWith(")") || first.endsWith("?"))) {
          cut.add(cli.getCommandSpec().qualifiedName(" ") + ": \"" + first + "\"");
        }
      }
    });
    assertTrue(cut.isEmpty(), "summaries cut mid-sentence: " + cut);
  }

  @Test
  void everyPlaceholderIsAWord() {
    List<String> fieldNames = new ArrayList<>();
    walk(Main.commandLine(), cli -> {
      List<ArgSpec> args = new ArrayList<>(cli.getCommandSpec().options());
      args.addAll(cli.getCommandSpec().positionalParameters());
      for (ArgSpec arg : args) {
        if (arg.hidden() || arg.arity().max() == 0) {
          continue;
        }
        String label = arg.paramLabel();
        if (FIELD_NAME_LABEL.matcher(label).matches()) {
          String name = arg.isOption() ? ((CommandLine.Model.OptionSpec) arg).longestName() : "positional";
          fieldNames.add(cli.getCommandSpec().qualifiedName(" ") + " " + name + "=" + label);
        }
      }
    });
    assertTrue(fieldNames.isEmpty(), "placeholders named after Java fields: " + fieldNames);
  }

  /** The help a user sees carries no {@code <field>} placeholder either (quickstart showed {@code --out=<out>}). */
  @Test
  void quickstartHelpShowsWordPlaceholders() {
    java.io.StringWriter out = new java.io.StringWriter();
    CommandLine cli = Main.commandLine();
    cli.setOut(new java.io.PrintWriter(out));
    cli.execute("quickstart", "--help");
    assertTrue(out.toString().contains("--out=DIR"), out.toString());
    assertTrue(!Pattern.compile("=" + FIELD_NAME_LABEL.pattern()).matcher(out.toString()).find(), out.toString());
  }

  /** The miniature runs have no --device; their help says where they run and which commands take one. */
  @Test
  void quickstartAndAblationSayTheyRunOnTheCpu() {
    for (String[] command : new String[][] {{"quickstart", "--help"}, {"experiment", "ablation", "--help"}}) {
      java.io.StringWriter out = new java.io.StringWriter();
      CommandLine cli = Main.commandLine();
      cli.setOut(new java.io.PrintWriter(out));
      cli.execute(command);
      String help = out.toString().replaceAll("\\s+", " ");
      assertTrue(help.contains("Runs on the CPU only (no --device"), help);
    }
  }

  private static void walk(CommandLine cli, java.util.function.Consumer<CommandLine> visit) {
    visit.accept(cli);
    cli.getSubcommands().values().stream().distinct().forEach(sub -> walk(sub, visit));
  }
}
