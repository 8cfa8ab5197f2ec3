package dev.videop2r.cli.data;

import dev.videop2r.pipeline.CachedJudge;
import dev.videop2r.pipeline.Judge;
import dev.videop2r.pipeline.JudgeAgreement;
import dev.videop2r.pipeline.JudgeCache;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code videop2r judge agree --labels FILE}: a judge's accuracy against labelled samples (paper Table 4). */
@Command(name = "agree", mixinStandardHelpOptions = true,
    description = "Measure a judge's accuracy against labelled samples (JSON Lines with question, ground_truth,"
        + " observation, sufficient, optional facts).")
public final class JudgeAgreeCommand implements Callable<Integer> {

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--labels", required = true, paramLabel = "FILE", description = "Labelled samples (JSON Lines).")
  Path labels;

  @Option(names = "--concurrency", defaultValue = "16", paramLabel = "N",
      description = "Judge calls in flight (default: ${DEFAULT-VALUE}).")
  int concurrency;

  @Option(names = "--judge-cache", paramLabel = "FILE", description = "Reuse and extend a judgement cache.")
  Path judgeCache;

  @Mixin JudgeOptions judge;

  @Mixin EndpointOptions endpoint;

  @Override
  public Integer call() throws Exception {
    var labelled = JudgeAgreement.read(labels);
    Judge j = judge.build(endpoint, concurrency);
    JudgeAgreement.Result r;
    if (judgeCache != null) {
      try (JudgeCache cache = JudgeCache.open(judgeCache)) {
        r = JudgeAgreement.measure(new CachedJudge(j, cache), labelled, concurrency);
      }
    } else {
      r = JudgeAgreement.measure(j, labelled, concurrency);
    }
    spec.commandLine().getOut().print("judge " + j.id() + "\n" + r.render());
    spec.commandLine().getOut().flush();
    return 0;
  }
}
