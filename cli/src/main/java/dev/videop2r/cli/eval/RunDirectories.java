package dev.videop2r.cli.eval;

import dev.videop2r.evaluation.RunDirectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Expands command-line paths into run directories: a run itself, or a folder whose subfolders are runs. */
final class RunDirectories {

  private RunDirectories() {}

  static List<RunDirectory> expand(List<Path> paths) {
    List<RunDirectory> runs = new ArrayList<>();
    for (Path path : paths) {
      RunDirectory run = new RunDirectory(path);
      if (run.isRun()) {
        runs.add(run);
        continue;
      }
      if (!Files.isDirectory(path)) {
        throw new IllegalArgumentException(path + " is not a run directory (no run.json) nor a folder of runs");
      }
      List<RunDirectory> inside;
      try (Stream<Path> children = Files.list(path)) {
        inside = children.sorted().map(RunDirectory::new).filter(RunDirectory::isRun).toList();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot list " + path + ": " + e.getMessage(), e);
      }
      if (inside.isEmpty()) {
        throw new IllegalArgumentException(path + " holds no run directories (none has a run.json)");
      }
      runs.addAll(inside);
    }
    return runs;
  }
}
