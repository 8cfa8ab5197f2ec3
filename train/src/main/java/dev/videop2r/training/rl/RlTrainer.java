package dev.videop2r.training.rl;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import dev.videop2r.advantage.AdvantageConfig;
import dev.videop2r.advantage.AdvantageEstimator;
import dev.videop2r.advantage.GroupAdvantages;
import dev.videop2r.data.Sample;
import dev.videop2r.model.VisionLanguageModel;
import dev.videop2r.objective.Algorithm;
import dev.videop2r.objective.RlObjective;
import dev.videop2r.pipeline.Judge;
import dev.videop2r.pipeline.JudgeQuery;
import dev.videop2r.pipeline.Judgement;
import dev.videop2r.pipeline.RunAbortedException;
import dev.videop2r.reward.RewardBreakdown;
import dev.videop2r.reward.TemporalBonus;
import dev.videop2r.spec.InvalidFieldException;
import dev.videop2r.spec.Specs;
import dev.videop2r.training.RlPromptEncoder;
import dev.videop2r.training.RolloutPrompt;
import dev.videop2r.training.loop.RunIdentity;
import dev.videop2r.training.loop.TrainableParameters;
import dev.videop2r.training.loop.TrainingRun;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * PA-GRPO (and the GRPO baseline and the Table 2 ablations). Each rollout batch: read P prompts in the run's
 * seeded order, sample G rollouts each from the current policy, split every rollout into perception and
 * reasoning tokens, ask the perception judge about the observations (concurrently), score both processes,
 * compute group advantages per process and spread them over the token segments, take log π_ref once; then
 * μ optimizer steps of the clipped surrogate with the k3 KL penalty.
 */
public final class RlTrainer {
  /** The parts an RL run is made of; the judge may be null when the run ablates the perception reward. */
  public record Parts(VisionLanguageModel policy, VisionLanguageModel reference, RolloutEngine engine,
                      RlPromptEncoder encoder, SegmentLabeler labeler, RolloutScorer scorer, Judge judge,
                      long padId) {}

  /** What a finished run left: the final checkpoint and the last step's loss. */
  public record Result(Path finalCheckpoint, int optimizerSteps, double lastLoss) {}

  /** More than this share of judged rollouts without a score ... */
  static final double NO_SCORE_SHARE = 0.5;
  /** ... in this many consecutive rollout batches stops the run. */
  static final int NO_SCORE_STEPS = 3;

  private final Parts parts;
  private final RlSpec config;
  private int noScoreSteps;
  private final PolicyLoss policyLoss;
  private final java.util.Set<Long> visionIds;

  public RlTrainer(Parts parts, RlSpec config) {
    if (config.beta() > 0 && parts.reference() == null) {
      throw new InvalidFieldException("beta", config.beta() + " needs a reference model");
    }
    if (parts.judge() == null && config.objective().usesJudge()) {
      throw new InvalidFieldException("judge.kind", name -> "the perception reward needs a judge (or turn it off: "
          + name.apply("ablations") + " no-perception-reward)");
    }
    this.parts = parts;
    this.config = config;
    this.policyLoss = config.policyLoss();
    if (config.gradCheckpoint()) {
      parts.policy().setGradientCheckpointing(true);
    }
    var c = parts.policy().config();
    this.visionIds = new java.util.HashSet<>(List.of((long) c.visionStartTokenId(), (long) c.visionEndTokenId(),
        (long) c.visionTokenId(), (long) c.imageTokenId(), (long) c.videoTokenId()));
  }

  public Result train(List<Sample> samples, Path runDir, boolean resume, PrintStream err) {
    if (config.objective().usesJudge()) {
      requireJudgeable(samples);
    }
    Map<String, NDArray> params = TrainableParameters.forTraining(parts.policy(), false);
    NDManager manager = params.values().iterator().next().getManager();
    double[] lastLoss = {Double.NaN};
    RolloutBatch[] current = {null};
    try (PerceptionJudging judging = new PerceptionJudging(parts.judge(), config.judge().concurrency());
        TrainingRun run = TrainingRun.open(runDir, params, config.optimizer(), config.optimizerSteps(),
            RunIdentity.of("rl", config, parts.policy(), samples), samples.size(), config.shuffle(), resume, manager, err)) {
      Specs.writeYaml(config, runDir.resolve("config.yaml"));
      Path last = run.train(step -> {
        parts.policy().adapters().ifPresent(a -> a.seedDropout(config.optimizer().seed(), step));
        Map<String, Object> metrics = new LinkedHashMap<>();
        int iteration = step % config.innerIterations();
        if (iteration == 0) {
          parts.engine().policyUpdated(step);
          current[0] = prepare(samples, run, judging, manager);
          metrics.putAll(current[0].metrics());
        }
        metrics.put("inner_iteration", iteration);
        long t0 = System.nanoTime();
        double loss = update(current[0], manager, metrics, iteration == 0);
        metrics.put("time/update_s", (System.nanoTime() - t0) / 1e9);
        lastLoss[0] = loss;
        boolean batchDone = iteration == config.innerIterations() - 1;
        return new TrainingRun.StepOutcome(loss, current[0].lossTokens(), metrics, batchDone);
      });
      return new Result(last, config.optimizerSteps(), lastLoss[0]);
    }
  }

  /**
   * PA-GRPO on records its judge cannot score would train with A_p = 0 throughout: refused before any rollout.
   * A few unjudgeable records are tolerated (they only lose their perception reward); most are not.
   */
  private void requireJudgeable(List<Sample> samples) {
    List<String> reasons = new ArrayList<>();
    for (Sample s : samples) {
      parts.judge().cannotJudge(s).ifPresent(r -> reasons.add(s.problemId() + ": " + r));
    }
    if (reasons.size() * 2 > samples.size()) {
      String refused = String.format("the perception judge (%s) cannot score %d of %d records (first: %s): PA-GRPO"
          + " would train without its perception reward", parts.judge().id(), reasons.size(), samples.size(),
          reasons.getFirst());
      throw new InvalidFieldException("judge.kind", name -> refused + ". Use a model judge (" + name.apply("judge.kind")
          + " anthropic|openai|bedrock), or the baseline (" + name.apply("algorithm") + " grpo), or say so ("
          + name.apply("ablations") + " no-perception-reward)");
    }
  }

  /** Stops a run whose judge has stopped scoring (a dead key, a broken endpoint) instead of training on. */
  private void watchNoScores(List<Judgement> verdicts) {
    long asked = verdicts.stream().filter(v -> v != null).count();
    long unscored = verdicts.stream().filter(v -> v != null && !v.scored()).count();
    noScoreSteps = asked > 0 && unscored > NO_SCORE_SHARE * asked ? noScoreSteps + 1 : 0;
    if (noScoreSteps >= NO_SCORE_STEPS) {
      String reason = verdicts.stream().filter(v -> v != null && !v.scored()).map(Judgement::reason).findFirst()
          .orElse("");
      String stopped = String.format("the perception judge gave no score to %d of %d observations in each of the"
          + " last %d rollout batches (last reason: %s)", unscored, asked, NO_SCORE_STEPS, reason);
      throw new RunAbortedException(name -> stopped + "; fix the judge (endpoint, key, model) and continue with "
          + name.apply("resume"));
    }
  }

  private RolloutBatch prepare(List<Sample> samples, TrainingRun run, PerceptionJudging judging,
      NDManager manager) {
    long t0 = System.nanoTime();
    List<RolloutPrompt> prompts = new ArrayList<>();
    for (int p = 0; p < config.promptsPerStep(); p++) {
      Sample s = samples.get(run.data().next());
      try {
        prompts.add(parts.encoder().encodePrompt(s));
      } catch (IOException e) {
        throw new UncheckedIOException("sample " + s.problemId() + ": " + e.getMessage(), e);
      }
    }
    int g = config.groupSize();
    List<Rollout> generated = parts.engine().generate(prompts, g, config.sampling(), run.random().nextLong());
    if (generated.size() != prompts.size() * g) {
      throw new IllegalStateException("rollout engine returned " + generated.size() + " rollouts for "
          + prompts.size() + " prompts × " + g);
    }
    List<Rollout> rollouts = generated.stream().map(r -> r.cutAtFirst(visionIds)).toList();
    long cut = java.util.stream.IntStream.range(0, rollouts.size())
        .filter(i -> rollouts.get(i) != generated.get(i)).count();
    long t1 = System.nanoTime();
    List<RolloutSegments> segments = rollouts.stream().map(parts.labeler()::label).toList();
    long tSegments = System.nanoTime();
    boolean judged = config.objective().usesJudge();
    List<JudgeQuery> queries = new ArrayList<>();
    for (int i = 0; i < rollouts.size(); i++) {
      Sample s = prompts.get(i / g).sample();
      String observation = segments.get(i).observation();
      queries.add(judged && observation != null
          ? JudgeQuery.of(s, observation) : null);
    }
    PerceptionJudging.Pending judgements = judging.submit(queries);
    // log π_ref does not depend on the rewards: compute it while the judge works.
    RolloutBatch unscored = new RolloutBatch(prompts, g, rollouts, null, null, null, Map.of());
    float[][] ref = config.beta() > 0 ? referenceLogProbs(unscored, manager) : null;
    long tReference = System.nanoTime();
    List<Judgement> verdicts = judgements.await();
    watchNoScores(verdicts);
    long tJudge = System.nanoTime();
    List<RewardBreakdown> rewards = new ArrayList<>();
    for (int i = 0; i < rollouts.size(); i++) {
      rewards.add(parts.scorer().score(prompts.get(i / g).sample(), segments.get(i), verdicts.get(i)));
    }
    Map<String, Object> m = new LinkedHashMap<>();
    // The metrics show the rewards as scored; T-GRPO's temporal bonus enters only the advantages.
    List<RewardBreakdown> trainedOn = config.algorithm() == Algorithm.T_GRPO
        ? new TemporalContrast(parts, TemporalBonus.videoR1()).apply(prompts, g, rewards, config.sampling(),
            run.random(), visionIds, m)
        : rewards;
    float[][] advantages = new float[rollouts.size()][];
    List<GroupAdvantages> groups = new ArrayList<>();
    List<GroupAdvantages> processAware = new ArrayList<>();
    int collapsedIfGrpo = 0;
    for (int p = 0; p < prompts.size(); p++) {
      List<RewardBreakdown> group = trainedOn.subList(p * g, p * g + g);
      GroupAdvantages a = advantages(config.objective()).group(group);
      groups.add(a);
      // The same rewards under the other credit assignment: what it would have counted as collapsed.
      collapsedIfGrpo += advantages(RlObjective.of(Algorithm.GRPO)).group(group).collapsed() ? 1 : 0;
      processAware.add(advantages(RlObjective.paGrpo()).group(group));
      for (int r = 0; r < g; r++) {
        advantages[p * g + r] = AdvantageEstimator.tokenAdvantages(a, r, segments.get(p * g + r).tokens());
      }
    }
    byte[][] process = segments.stream().map(RolloutSegments::process).toArray(byte[][]::new);
    float[][] weights = config.aggregation().weights(process);
    long tReward = System.nanoTime();

    RlStepMetrics.rewards(m, rewards, verdicts);
    RlStepMetrics.advantages(m, groups, collapsedIfGrpo, processAware, g);
    RlStepMetrics.lengths(m, rollouts, segments);
    m.put("rollouts/cut_at_vision_token", cut);
    m.put("time/rollout_s", (t1 - t0) / 1e9);
    m.put("time/segment_s", (tSegments - t1) / 1e9);
    m.put("time/reference_s", (tReference - tSegments) / 1e9);
    // What the step waits for the judge after the overlapped reference pass, and the judge's own latency.
    m.put("time/judge_s", (tJudge - tReference) / 1e9);
    m.put("judge/latency_s", judgements.latencySeconds());
    m.put("time/reward_s", (tReward - tJudge) / 1e9);
    long generatedTokens = generated.stream().mapToLong(r -> r.tokens().length).sum();
    m.put("rollout_tokens_per_s", generatedTokens / Math.max(1e-9, (t1 - t0) / 1e9));
    return new RolloutBatch(prompts, g, rollouts, advantages, weights, ref, m);
  }

  private float[][] referenceLogProbs(RolloutBatch batch, NDManager manager) {
    float[][] out = new float[batch.rollouts().size()][];
    for (int from = 0; from < out.length; from += config.microBatch()) {
      int to = Math.min(out.length, from + config.microBatch());
      CompletionBatch cb = new CompletionBatch(batch, from, to, parts.padId());
      try (NDManager scope = manager.newSubManager()) {
        NDArray ids = cb.tokens.idsArray(scope);
        NDArray logits = parts.reference().forward(ids, cb.tokens.maskArray(scope), cb.visuals);
        float[][] rows = cb.gather(cb.logProbs(logits, ids));
        System.arraycopy(rows, 0, out, from, rows.length);
      }
    }
    return out;
  }

  /** One optimizer step's forward/backward over the whole batch; returns the loss value. */
  private double update(RolloutBatch batch, NDManager manager, Map<String, Object> metrics, boolean first) {
    float[][] old = batch.rollouts().stream().map(Rollout::logProbs).toArray(float[][]::new);
    double loss = 0;
    double kl = 0;
    double clip = 0;
    double ratio = 0;
    double mismatch = 0;
    double mismatchMax = 0;
    long tokens = 0;
    int n = batch.rollouts().size();
    for (int from = 0; from < n; from += config.microBatch()) {
      int to = Math.min(n, from + config.microBatch());
      CompletionBatch cb = new CompletionBatch(batch, from, to, parts.padId());
      try (NDManager scope = manager.newSubManager();
          GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        NDArray ids = cb.tokens.idsArray(scope);
        NDArray logits = parts.policy().forward(ids, cb.tokens.maskArray(scope), cb.visuals);
        NDArray logp = cb.logProbs(logits, ids);
        NDArray oldArr = cb.scatter(scope, old, from);
        NDArray weights = cb.scatter(scope, batch.weights(), from);
        NDArray refArr = batch.refLogProbs() == null ? null : cb.scatter(scope, batch.refLogProbs(), from);
        NDArray adv = cb.scatter(scope, batch.advantages(), from);
        PolicyLoss.Result r = policyLoss.compute(logp, oldArr, refArr, adv, weights);
        parts.policy().backward(gc, r.loss());
        loss += r.loss().getFloat();
        kl += r.klMean() * r.tokens();
        clip += r.clipFraction() * r.tokens();
        ratio += r.ratioMean() * r.tokens();
        if (first) {
          NDArray mask = weights.gt(0).toType(ai.djl.ndarray.types.DataType.FLOAT32, false);
          NDArray gap = logp.stopGradient().sub(oldArr).abs().mul(mask);
          mismatch += gap.sum().getFloat();
          mismatchMax = Math.max(mismatchMax, gap.max().getFloat());
        }
        tokens += r.tokens();
      }
    }
    double t = Math.max(1, tokens);
    metrics.put("kl", kl / t);
    metrics.put("clip_fraction", clip / t);
    metrics.put("ratio_mean", ratio / t);
    if (first) {
      // Mean |log π_θ − log π_old| before any update: the train/rollout numerical mismatch (0 in exact arithmetic).
      // With a remote rollout engine this is the server/trainer gap (verl's mean and max |Δ|).
      metrics.put("logp_mismatch", mismatch / t);
      metrics.put("logp_mismatch_max", mismatchMax);
    }
    return loss;
  }

  private AdvantageEstimator advantages(RlObjective objective) {
    return new AdvantageEstimator(objective, new AdvantageConfig(config.advantageEpsilon(), config.advantageStd(),
        AdvantageConfig.defaults().collapseTolerance()));
  }
}
