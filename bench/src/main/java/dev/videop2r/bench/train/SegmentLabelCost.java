package dev.videop2r.bench.train;

import dev.videop2r.model.tokenizer.HfTextTokenizer;
import dev.videop2r.template.ResponseParser;
import dev.videop2r.training.rl.Rollout;
import dev.videop2r.training.rl.RolloutSegments;
import dev.videop2r.training.rl.TemplateSegmentLabeler;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * Training-thread CPU time of the RL segment split ({@link TemplateSegmentLabeler#forTokenizer}: token pieces +
 * template parse) on one rollout of {@code tokens} Qwen tokens (English with accented, CJK and emoji characters
 * that byte-level BPE splits over tokens), median over {@code reps} calls. The tokenizer is the real Qwen one,
 * passed by path (the model module's build fetches it to {@code model/target/qwen-tokenizer/tokenizer.json}).
 * Run: {@code java -cp <bench classpath> dev.videop2r.bench.train.SegmentLabelCost TOKENIZER_JSON [tokens] [reps]}.
 */
public final class SegmentLabelCost {
  private SegmentLabelCost() {}

  public static void main(String[] args) {
    Path tokenizerFile = Path.of(args[0]);
    int tokens = args.length > 1 ? Integer.parseInt(args[1]) : 768;
    int reps = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    var threads = ManagementFactory.getThreadMXBean();
    try (HfTextTokenizer qwen = HfTextTokenizer.load(tokenizerFile)) {
      long[] ids = Arrays.copyOf(qwen.encodeIds(response(qwen, tokens)), tokens);
      Rollout rollout = new Rollout(ids, new float[ids.length], true);
      TemplateSegmentLabeler labeler = TemplateSegmentLabeler.forTokenizer(qwen, ResponseParser.lenient());
      labeler.label(rollout); // warm-up
      double[] ms = new double[reps];
      int perception = 0;
      for (int r = 0; r < reps; r++) {
        long c0 = threads.getCurrentThreadCpuTime();
        RolloutSegments segments = labeler.label(rollout);
        ms[r] = (threads.getCurrentThreadCpuTime() - c0) / 1e6;
        perception = segments.tokens().perceptionLength();
      }
      Arrays.sort(ms);
      System.out.printf(Locale.ROOT, "segment split, %d-token rollout: thread CPU ms median %.2f (min %.2f, max %.2f);"
          + " %d perception tokens%n", tokens, ms[reps / 2], ms[0], ms[reps - 1], perception);
    }
  }

  /** A template response at least {@code tokens} tokens long, its answer cut off if the budget ends first. */
  private static String response(HfTextTokenizer qwen, int tokens) {
    String[] facts = {"The red circle moves from left to right.", "Le café est à gauche de la fenêtre.",
        "右下角有一个蓝色的正方形。", "A yellow star 🌟 appears at 00:03 and fades out.", "Zwei Würfel drehen sich."};
    StringBuilder observation = new StringBuilder();
    StringBuilder think = new StringBuilder();
    for (int k = 0; qwen.encodeIds(observation + " " + think).length < tokens; k++) {
      observation.append(facts[k % facts.length]).append(' ');
      think.append("Step ").append(k).append(": so the object ends on the right side. ");
    }
    return "<observation>" + observation + "</observation><think>" + think + "</think><answer>B</answer>";
  }
}
