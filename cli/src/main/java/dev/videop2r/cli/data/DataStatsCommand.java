package dev.videop2r.cli.data;

import dev.videop2r.data.CompositionTable;
import dev.videop2r.data.DatasetException;
import dev.videop2r.data.DatasetReader;
import dev.videop2r.data.DatasetRecord;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code videop2r data stats FILE...}: data type × problem type counts in the layout of the paper's Table 3.
 * Several files (release parts) count as one dataset; the files are streamed, never loaded whole.
 */
@Command(name = "stats", mixinStandardHelpOptions = true,
    description = "Count records by data type and problem type (paper Table 3 layout).")
public final class DataStatsCommand implements Callable<Integer> {

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "FILE",
      description = "Dataset files (JSON array, JSON Lines, gzip parts) or directories of them.")
  List<Path> files;

  @Option(names = "--skip-bad", description = "Skip malformed records and list them instead of failing.")
  boolean skipBad;

  @Override
  public Integer call() throws Exception {
    CompositionTable table = new CompositionTable();
    PrintWriter err = spec.commandLine().getErr();
    long skipped = 0;
    try (DatasetReader reader = DatasetReader.open(files)) {
      while (reader.hasNext()) {
        DatasetRecord r = reader.next();
        if (r.ok()) {
          table.add(r.sample());
        } else if (skipBad) {
          skipped++;
          err.println("skipped " + r.where() + ": " + r.error());
        } else {
          throw new DatasetException(r.where() + ": " + r.error() + " (pass --skip-bad to skip malformed records)");
        }
      }
    }
    PrintWriter out = spec.commandLine().getOut();
    out.print(table.render());
    out.printf(Locale.ROOT, "%,d records%s%n", table.total(),
        skipped > 0 ? String.format(Locale.ROOT, " (%,d malformed records skipped)", skipped) : "");
    out.flush();
    err.flush();
    return 0;
  }
}
