package dev.videop2r.experiments;

import dev.videop2r.data.FrameRequest;
import dev.videop2r.model.TinyQwen;
import dev.videop2r.pipeline.ErrorInjection;
import dev.videop2r.spec.InvalidFieldException;
import dev.videop2r.synth.SynthKnobs;
import dev.videop2r.training.pretrain.VisionPretrainSpec;

/**
 * Every knob of the embedded end-to-end run, documented once. The defaults are tuned so that the whole paper
 * (world, CoT pipeline, SFT, PA-GRPO, evaluation) runs on two CPU cores in minutes and learning is visible.
 *
 * @param seed seeds everything: world, teacher errors, initial weights, data order, rollouts
 * @param trainClips synthetic training samples (one clip each); the CoT pipeline filters them for SFT, RL uses all
 * @param testClips held-out samples (clips never seen in training) for the evaluation
 * @param world clip size, length and difficulty of the synthetic world
 * @param teacherErrors how often the synthetic teacher omits a fact, answers wrongly or breaks the template, so
 *     that every filter of the pipeline has work (the paper kept 162K of 260K)
 * @param frames frames and pixel budget per clip as the model sees it
 * @param model the tiny Qwen2.5-VL's sizes
 * @param pretraining the stages that stand in for Qwen2.5-VL's own pretraining
 * @param sftEpochs passes over the CoT set
 * @param sftBatch conversations per optimizer step
 * @param sftLearningRate peak SFT learning rate (a model trained from scratch needs far more than the paper's 1e-6)
 * @param rlSteps PA-GRPO rollout batches (one optimizer step each)
 * @param rlPrompts prompts per batch (paper: 7)
 * @param rlGroup rollouts per prompt (paper: 8)
 * @param rlLearningRate RL learning rate
 * @param rlTemperature rollout temperature
 * @param rlTopP rollout nucleus (top-p) mass
 * @param beta k3 KL coefficient to the SFT reference (paper default 0.04)
 * @param maxNewTokens generation limit for rollouts and evaluation
 */
public record QuickstartSettings(
    long seed,
    int trainClips,
    int testClips,
    SynthKnobs world,
    ErrorInjection teacherErrors,
    FrameRequest frames,
    TinyQwen model,
    Pretraining pretraining,
    double sftEpochs,
    int sftBatch,
    double sftLearningRate,
    int rlSteps,
    int rlPrompts,
    int rlGroup,
    double rlLearningRate,
    double rlTemperature,
    double rlTopP,
    double beta,
    int maxNewTokens) {

  /**
   * The stand-in for what a real Qwen2.5-VL brings from pretraining, run before SFT: dense supervision of the
   * vision tower and merger on what each merged token shows (scene-graph labels), then caption alignment, where
   * the decoder learns to describe whole clips from a fixed prompt ({@code SceneCaption}) with the vision weights
   * frozen. Without it the from-scratch decoder learns to answer from the question alone (docs/quickstart.md).
   *
   * @param vision the vision stage's spec (its seed is the quickstart's; 0 steps skips both stages: the decoder
   *     then meets random vision features)
   * @param captionEpochs passes over the training clips' captions (0 skips the caption stage)
   * @param captionLearningRate peak caption learning rate
   * @param freezeVision keep the pretrained vision weights fixed in the caption stage and SFT, as many VLM recipes
   *     freeze the ViT
   */
  public record Pretraining(VisionPretrainSpec vision, double captionEpochs, double captionLearningRate,
                            boolean freezeVision) {}

  /** Default sizes (also shown by --help). */
  public static final int DEFAULT_TRAIN = 1200;
  public static final int DEFAULT_TEST = 192;
  /** 12 rather than 6 since loading runs beside training (SFT 51.3 ± 3.4 against 44.8 ± 0.6, docs/quickstart.md). */
  public static final double DEFAULT_SFT_EPOCHS = 12;
  public static final int DEFAULT_RL_STEPS = 60;
  public static final int DEFAULT_RL_PROMPTS = 4;
  public static final double DEFAULT_RL_LR = 1e-4;

  public QuickstartSettings {
    InvalidFieldException.check(trainClips >= 8, "trainClips", "must be >= 8, got " + trainClips);
    InvalidFieldException.check(testClips >= 1, "testClips", "must be >= 1, got " + testClips);
  }

  public static QuickstartSettings defaults(long seed) {
    // No distractor shapes: the question's object is the only one that moves, so a tiny model can learn to see it.
    SynthKnobs d = SynthKnobs.defaults();
    SynthKnobs knobs = new SynthKnobs(d.width(), d.height(), d.frames(), d.fps(), d.objects(), 0, d.speed(), d.noise());
    // 8 of each clip's 16 frames at 112x112: 4 temporal patches of 8x8 patches, merged to 4x4 = 64 video tokens.
    FrameRequest frames = new FrameRequest(8, knobs.fps(), 112 * 112, 112 * 112);
    return new QuickstartSettings(seed, DEFAULT_TRAIN, DEFAULT_TEST, knobs, ErrorInjection.defaults(seed), frames,
        // Small enough for the 10-minute CPU budget, large enough to learn the synthetic world's template.
        new TinyQwen(128, 3, 4, 2, 352, 2, 64, 2, 128), new Pretraining(VisionPretrainSpec.defaults(), 8, 2e-3, true),
        DEFAULT_SFT_EPOCHS, 8, 2e-3, DEFAULT_RL_STEPS, DEFAULT_RL_PROMPTS, 6, DEFAULT_RL_LR, 1.0, 1.0, 0.04, 96);
  }

  public QuickstartSettings withSeed(long newSeed) {
    return new QuickstartSettings(newSeed, trainClips, testClips, world, new ErrorInjection(teacherErrors.omitFact(),
        teacherErrors.wrongAnswer(), teacherErrors.brokenTemplate(), newSeed), frames, model, pretraining, sftEpochs,
        sftBatch, sftLearningRate, rlSteps, rlPrompts, rlGroup, rlLearningRate, rlTemperature, rlTopP, beta, maxNewTokens);
  }

  public QuickstartSettings withSizes(int train, int test, double epochs, int rlStepCount, int prompts, double rlLr) {
    InvalidFieldException.check(epochs > 0, "sftEpochs", "must be > 0, got " + epochs);
    InvalidFieldException.check(prompts >= 1, "rlPrompts", "must be >= 1, got " + prompts);
    InvalidFieldException.check(rlLr > 0, "rlLearningRate", "must be > 0, got " + rlLr);
    return new QuickstartSettings(seed, train, test, world, teacherErrors, frames, model, pretraining, epochs,
        sftBatch, sftLearningRate, rlStepCount, prompts, rlGroup, rlLr, rlTemperature, rlTopP, beta, maxNewTokens);
  }
}
