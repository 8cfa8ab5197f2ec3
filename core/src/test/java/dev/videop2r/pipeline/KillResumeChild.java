package dev.videop2r.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.videop2r.data.FrameRequest;
import dev.videop2r.data.MediaRoot;
import dev.videop2r.reward.ScoringMode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The child JVM of {@link KillResumeTest}: runs the pipeline with a slowed synthetic teacher and a cached
 * synthetic judge. Arguments: input, output directory, resume (true/false), teacher delay in ms.
 */
public final class KillResumeChild {

  private KillResumeChild() {}

  public static void main(String[] args) throws Exception {
    Path input = Path.of(args[0]);
    Path out = Path.of(args[1]);
    boolean resume = Boolean.parseBoolean(args[2]);
    long delayMs = Long.parseLong(args[3]);
    SyntheticTeacher synthetic = new SyntheticTeacher(new ErrorInjection(0.15, 0.15, 0.1, 42));
    Teacher slow = new Teacher() {
      @Override
      public String id() {
        return synthetic.id();
      }

      @Override
      public boolean needsFrames() {
        return false;
      }

      @Override
      public String respond(TeacherInput in) throws IOException, InterruptedException {
        Thread.sleep(delayMs);
        return synthetic.respond(in);
      }
    };
    try (JudgeCache cache = JudgeCache.open(out.resolve("judge-cache.jsonl"))) {
      CotPipeline pipeline = new CotPipeline(
          new CotPipeline.Options(8, resume, false, false, FrameRequest.training(), "cot", 16), slow,
          new CachedJudge(new SyntheticJudge(), cache), new TemplateVerifier(0.6, ScoringMode.VIDEO_R1), null,
          new MediaRoot(input.getParent()));
      pipeline.run(List.of(input), out, new ObjectMapper().createObjectNode().put("seed", 42), null, false);
    }
    System.out.println("DONE");
  }
}
