package dev.videop2r.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The command lists of `--help` show each command's first description line: it must be a whole sentence. */
class HelpTextTest {

  @Test
  void everyCommandSummaryIsAWholeSentence() {
    List<String> cut = new ArrayList<>();
    walk(Main.commandLine(), cut);
    assertTrue(cut.isEmpty(), "summaries cut mid-sentence: " + cut);
  }

  private static void walk(CommandLine cli, List<String> cut) {
    String[] description = cli.getCommandSpec().usageMessage().description();
    if (description.length > 0) {
      String first = description[0].strip();
      if (!(first.endsWith(".") || first.endsWith(")") || first.endsWith("?"))) {
        cut.add(cli.getCommandSpec().qualifiedName(" ") + ": \"" + first + "\"");
      }
    }
    cli.getSubcommands().values().stream().distinct().forEach(sub -> walk(sub, cut));
  }
}
