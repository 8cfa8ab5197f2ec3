package dev.videop2r.training.rl;

import dev.videop2r.data.DataType;
import dev.videop2r.reward.RewardBreakdown;
import dev.videop2r.reward.TemporalBonus;
import dev.videop2r.training.RolloutPrompt;
import dev.videop2r.training.loop.SeededRandom;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * T-GRPO's extra step (Video-R1, video-r1.md §6.5): each video prompt is answered G/2 more times with its
 * sampled frames shuffled; those rollouts are scored for accuracy only and never trained on. When the ordered
 * rollouts' mean accuracy reaches μ times the shuffled ones', the accurate ordered rollouts get α on their
 * reasoning accuracy ({@link TemporalBonus}). Image prompts have no frame order and are left as they are.
 */
final class TemporalContrast {
  private final RlTrainer.Parts parts;
  private final TemporalBonus bonus;

  TemporalContrast(RlTrainer.Parts parts, TemporalBonus bonus) {
    this.parts = parts;
    this.bonus = bonus;
  }

  /**
   * @param rewards the ordered rollouts' rewards, prompt-major (p·G + r)
   * @return the rewards with the temporal bonus added to r_acc^r; the step's temporal metrics go into {@code m}
   */
  List<RewardBreakdown> apply(List<RolloutPrompt> prompts, int g, List<RewardBreakdown> rewards,
      RolloutEngine.Sampling sampling, SeededRandom random, java.util.Set<Long> visionIds,
      Map<String, Object> m) {
    long t0 = System.nanoTime();
    int shuffledPerPrompt = Math.max(1, g / 2);
    List<Integer> videos = new ArrayList<>();
    List<RolloutPrompt> shuffled = new ArrayList<>();
    for (int p = 0; p < prompts.size(); p++) {
      RolloutPrompt prompt = prompts.get(p);
      if (prompt.sample().dataType() == DataType.VIDEO) {
        videos.add(p);
        try {
          shuffled.add(parts.encoder().encodeShuffledPrompt(prompt.sample(), random.nextLong()));
        } catch (IOException e) {
          throw new UncheckedIOException("sample " + prompt.sample().problemId() + ": " + e.getMessage(), e);
        }
      }
    }
    List<RewardBreakdown> out = new ArrayList<>(rewards);
    int earned = 0;
    double shuffledAccuracy = 0;
    double bonusSum = 0;
    if (!shuffled.isEmpty()) {
      List<Rollout> answers = parts.engine().generate(shuffled, shuffledPerPrompt, sampling, random.nextLong());
      if (answers.size() != shuffled.size() * shuffledPerPrompt) {
        throw new IllegalStateException("rollout engine returned " + answers.size() + " shuffled-frame rollouts for "
            + shuffled.size() + " prompts × " + shuffledPerPrompt);
      }
      for (int v = 0; v < videos.size(); v++) {
        int p = videos.get(v);
        double[] ordered = new double[g];
        for (int r = 0; r < g; r++) {
          ordered[r] = rewards.get(p * g + r).reasoningAccuracy();
        }
        double[] contrast = new double[shuffledPerPrompt];
        for (int r = 0; r < shuffledPerPrompt; r++) {
          Rollout rollout = answers.get(v * shuffledPerPrompt + r).cutAtFirst(visionIds);
          contrast[r] = parts.scorer().score(shuffled.get(v).sample(), parts.labeler().label(rollout), null)
              .reasoningAccuracy();
          shuffledAccuracy += contrast[r];
        }
        earned += bonus.earned(ordered, contrast) ? 1 : 0;
        double[] add = bonus.bonuses(ordered, contrast);
        for (int r = 0; r < g; r++) {
          out.set(p * g + r, withBonus(rewards.get(p * g + r), add[r]));
          bonusSum += add[r];
        }
      }
    }
    m.put("temporal/video_prompts", videos.size());
    m.put("temporal/earned", earned);
    m.put("temporal/shuffled_accuracy", videos.isEmpty() ? Double.NaN
        : shuffledAccuracy / (videos.size() * shuffledPerPrompt));
    m.put("temporal/bonus_mean", bonusSum / rewards.size());
    m.put("time/temporal_s", (System.nanoTime() - t0) / 1e9);
    return out;
  }

  private static RewardBreakdown withBonus(RewardBreakdown r, double add) {
    return add == 0 ? r : new RewardBreakdown(r.perceptionAccuracy(), r.perceptionFormat(), r.perceptionLength(),
        r.reasoningAccuracy() + add, r.reasoningFormat(), r.reasoningLength(), r.perceptionScored());
  }
}
