package dev.videop2r.evaluation;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Reads a benchmark's annotations record by record into {@link LoadEvent}s. Accepts a file (JSON array,
 * JSON Lines, or TempCompass's nested object) or, for benchmarks released as several files, a directory
 * (MVBench {@code json/}, TempCompass {@code questions/}). A bad record becomes a
 * {@link LoadEvent.Malformed} and reading goes on; only an unreadable file or directory throws.
 */
public final class AnnotationLoader {

  private AnnotationLoader() {}

  /** Streams the events of {@code source} to {@code sink}, one record at a time. */
  public static void read(Benchmark benchmark, Path source, AnnotationFormat format, Consumer<LoadEvent> sink) {
    if (!Files.exists(source)) {
      throw new IllegalArgumentException("annotations not found: " + source);
    }
    if (Files.isDirectory(source)) {
      readDirectory(benchmark, source, sink);
      return;
    }
    AnnotationFormat resolved = format == AnnotationFormat.AUTO ? detect(source) : format;
    if (resolved == AnnotationFormat.VIDEO_R1) {
      readFile(source, new VideoR1Records(benchmark), sink);
    } else {
      readOfficialFile(benchmark, source, sink);
    }
  }

  /** Reads everything into memory: the items plus the counts and errors the report needs. */
  public static LoadedAnnotations load(Benchmark benchmark, Path source, AnnotationFormat format) {
    LoadedAnnotations.Builder builder = new LoadedAnnotations.Builder(benchmark, source.toString());
    read(benchmark, source, format, builder::add);
    return builder.build();
  }

  /** Video-R1 records are recognised by their {@code problem_id} and {@code solution} fields. */
  static AnnotationFormat detect(Path file) {
    AnnotationFormat[] found = {AnnotationFormat.OFFICIAL};
    JsonRecords.read(
        file,
        new JsonRecords.Sink() {
          @Override
          public boolean record(JsonNode node, long position, String location) {
            if (node.has("problem_id") && node.has("solution")) {
              found[0] = AnnotationFormat.VIDEO_R1;
            }
            return false;
          }

          @Override
          public void malformed(String location, String message) {
            // detection only looks at the first readable record; the real read reports errors
          }
        });
    return found[0];
  }

  private static void readOfficialFile(Benchmark benchmark, Path file, Consumer<LoadEvent> sink) {
    String stem = stem(file);
    switch (benchmark) {
      case VSI_BENCH -> readFile(file, new OfficialVsiBench(), sink);
      case VIDEO_MMMU -> readFile(file, new OfficialVideoMmmu(stem), sink);
      case MMVU -> readFile(file, new OfficialMmvu(), sink);
      case VCR_BENCH -> readFile(file, new OfficialVcrBench(), sink);
      case VIDEO_MME -> readFile(file, new OfficialVideoMme(), sink);
      case MVBENCH -> readFile(file, new OfficialMvBench(stem), sink);
      case TEMPCOMPASS -> readTempCompass(file, stem, sink);
    }
  }

  private static void readDirectory(Benchmark benchmark, Path dir, Consumer<LoadEvent> sink) {
    if (benchmark != Benchmark.MVBENCH && benchmark != Benchmark.TEMPCOMPASS) {
      throw new IllegalArgumentException(
          benchmark.cliName() + " annotations are one file, but " + dir + " is a directory");
    }
    List<Path> files;
    try (Stream<Path> listing = Files.list(dir)) {
      files =
          listing.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
    }
    if (files.isEmpty()) {
      throw new IllegalArgumentException("no .json task files in " + dir);
    }
    for (Path file : files) {
      if (benchmark == Benchmark.MVBENCH && !BenchmarkCategories.MVBENCH_TASKS.contains(stem(file))) {
        sink.accept(
            new LoadEvent.Malformed(
                new RecordError(file.getFileName().toString(), "not an MVBench task file name, not read")));
        continue;
      }
      readOfficialFile(benchmark, file, sink);
    }
  }

  private static void readTempCompass(Path file, String stem, Consumer<LoadEvent> sink) {
    OfficialTempCompass tempCompass = new OfficialTempCompass();
    JsonRecords.read(
        file,
        new JsonRecords.Sink() {
          @Override
          public boolean record(JsonNode node, long position, String location) {
            try {
              if (node.has("key") && node.has("value") && node.size() == 2) {
                tempCompass.convertNested(node, location, stem).forEach(sink);
              } else if (!node.has("question") && node.isObject() && node.size() > 0) {
                // A nested task file written on one line reads as one JSON Lines record: its fields are videos.
                node.properties().forEach(video -> tempCompass.convertNested(
                    JsonRecords.entry(video.getKey(), video.getValue()), location + " key '" + video.getKey() + "'",
                    stem).forEach(sink));
              } else {
                sink.accept(tempCompass.convertFlat(node, location, stem));
              }
            } catch (MalformedRecordException e) {
              sink.accept(new LoadEvent.Malformed(new RecordError(location, e.getMessage())));
            }
            return true;
          }

          @Override
          public void malformed(String location, String message) {
            sink.accept(new LoadEvent.Malformed(new RecordError(location, message)));
          }
        });
  }

  private static void readFile(Path file, RecordConverter converter, Consumer<LoadEvent> sink) {
    JsonRecords.read(
        file,
        new JsonRecords.Sink() {
          @Override
          public boolean record(JsonNode node, long position, String location) {
            LoadEvent event;
            try {
              if (!node.isObject()) {
                throw new MalformedRecordException("record is not a JSON object");
              }
              event = converter.convert(node, location);
            } catch (MalformedRecordException e) {
              event = new LoadEvent.Malformed(new RecordError(withId(location, node), e.getMessage()));
            }
            sink.accept(event);
            return true;
          }

          @Override
          public void malformed(String location, String message) {
            sink.accept(new LoadEvent.Malformed(new RecordError(location, message)));
          }
        });
  }

  private static String withId(String location, JsonNode node) {
    for (String field : List.of("problem_id", "id", "question_id")) {
      JsonNode id = node.get(field);
      if (id != null && id.isValueNode()) {
        return location + " (" + field + " " + id.asText() + ")";
      }
    }
    return location;
  }

  private static String stem(Path file) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot < 0 ? name : name.substring(0, dot);
  }
}
