package dev.videop2r.synth;

import java.util.List;

/**
 * One synthetic sample end to end, without I/O: scene and question from a seed, the Video-R1 record, and (on
 * demand) the rendered frames.
 */
public final class SynthWorld {

  /** A generated sample: the record plus the scene it describes. */
  public record Generated(SynthSample sample, Scene scene, Question question) {}

  private final SceneGenerator generator;

  public SynthWorld(SynthKnobs knobs) {
    this.generator = new SceneGenerator(knobs);
  }

  public SynthKnobs knobs() {
    return generator.knobs();
  }

  public Generated generate(int problemId, String path, QuestionKind kind, long seed) {
    SceneGenerator.Posed posed = generator.generate(kind, seed);
    Question q = posed.question();
    List<FrameState> timeline = posed.scene().timeline();
    SynthSample sample = new SynthSample(problemId, q.problem(), SynthSample.DATA_TYPE_VIDEO, q.type().wireName(),
        q.options(), "<answer>" + q.answer(timeline) + "</answer>", path, SynthSample.DATA_SOURCE,
        q.facts(timeline), q.rationale(timeline));
    return new Generated(sample, posed.scene(), q);
  }

  /** A well-mixed 64-bit seed for (run seed, split, index, attempt) so samples never share a random stream. */
  public static long sampleSeed(long seed, int split, int index, int attempt) {
    long z = seed * 0x9E3779B97F4A7C15L + split * 0xBF58476D1CE4E5B9L + index * 0x94D049BB133111EBL + attempt;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
