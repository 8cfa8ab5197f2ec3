package dev.videop2r.cli.score;

import dev.videop2r.cli.ScoringModeOption;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.videop2r.cli.EnumConverters;
import dev.videop2r.io.AtomicFiles;
import dev.videop2r.io.Json;
import dev.videop2r.io.JsonLines;
import dev.videop2r.io.JsonLinesException;
import dev.videop2r.reward.RewardConfig;
import dev.videop2r.template.ResponseTemplate;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code videop2r score}: scores model completions with the VideoP2R rewards, one JSONL record per line, output
 * in input order, a bad record reported in its own output line.
 */
@Command(
    name = "score",
    mixinStandardHelpOptions = true,
    description = {
        "Score completions: reasoning accuracy, format rewards per process and, with --judgments, R_p.",
        "Extracts observation/think/answer and applies each problem type's task metric.",
        "Input lines: {id, problem_type, solution | answer, completion, options?}."})
public final class ScoreCommand implements Callable<Integer> {

  @Option(names = "--input", required = true, paramLabel = "FILE", description = "Completions, one JSON per line.")
  Path input;

  @Option(names = "--output", required = true, paramLabel = "FILE",
      description = "Scored records (written atomically: a temp file moved into place at the end).")
  Path output;

  @Mixin ScoringModeOption scoring;

  @Option(names = "--template", paramLabel = "process-aware|think-answer", defaultValue = "process-aware",
      description = "process-aware (observation/think/answer) or think-answer (Video-R1) "
          + "(default: ${DEFAULT-VALUE}).")
  ResponseTemplate template;

  @Option(names = "--judgments", paramLabel = "FILE",
      description = "Perception judgements, one {id, verdict} per line; verdict sufficient|insufficient|no score.")
  Path judgments;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  private final ObjectMapper json = Json.MAPPER;

  @Override
  public Integer call() throws IOException {
    RewardConfig config = RewardConfig.defaults().withMode(scoring.mode()).withTemplate(template);
    if (!Files.isRegularFile(input)) {
      throw new NoSuchFileException(input.toString(), null, "--input: no such file");
    }
    Judgments judged = null;
    if (judgments != null) {
      if (!Files.isRegularFile(judgments)) {
        throw new NoSuchFileException(judgments.toString(), null, "--judgments: no such file");
      }
      judged = Judgments.read(judgments);
    }
    ScoreSummary summary = run(new RecordScorer(config, judged), judged != null);
    PrintWriter out = spec.commandLine().getOut();
    out.printf("scored %s -> %s (mode %s, template %s)%n", input, output, scoring.mode().wireName(),
        EnumConverters.spelling(template));
    summary.print(out);
    if (judged != null) {
      out.printf("judgements: %d read, %d matched no record%n", judged.size(), judged.unused());
    }
    out.flush();
    return 0;
  }

  private ScoreSummary run(RecordScorer scorer, boolean withJudgments) throws IOException {
    ScoreSummary summary = new ScoreSummary(withJudgments);
    try (JsonLines in = JsonLines.open(input)) {
      AtomicFiles.write(output, file -> {
        BufferedWriter out = new BufferedWriter(new OutputStreamWriter(file, StandardCharsets.UTF_8));
        for (JsonLines.Line line; (line = in.next()) != null; ) {
          if (line.isBlank()) {
            summary.addBlankLine();
            continue;
          }
          out.write(json.writeValueAsString(scoreLine(scorer, line, summary)));
          out.newLine();
        }
        out.flush();
      });
    }
    return summary;
  }

  /** The output object for one line: the scored record, or the record (or raw line) with an error. */
  private ObjectNode scoreLine(RecordScorer scorer, JsonLines.Line line, ScoreSummary summary) {
    JsonNode node;
    try {
      node = line.json();
    } catch (JsonLinesException e) {
      summary.addError();
      return error(json.createObjectNode().put("line", line.number()).put("raw", line.text()), e.getMessage());
    }
    if (node == null || !node.isObject()) {
      summary.addError();
      return error(json.createObjectNode().put("line", line.number()).put("raw", line.text()),
          line.where() + ": expected a JSON object");
    }
    ObjectNode record = (ObjectNode) node;
    ObjectNode pristine = record.deepCopy();
    try {
      summary.add(scorer.score(record));
      return record;
    } catch (RuntimeException e) {
      summary.addError();
      return error(pristine, line.where() + ": " + e.getMessage());
    }
  }

  private static ObjectNode error(ObjectNode record, String message) {
    return record.put("error", message);
  }
}
