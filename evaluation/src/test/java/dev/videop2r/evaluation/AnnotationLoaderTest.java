package dev.videop2r.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.videop2r.data.ProblemType;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class AnnotationLoaderTest {

  private static EvalItem item(LoadedAnnotations loaded, String id) {
    return loaded.items().stream().filter(i -> i.id().equals(id)).findFirst().orElseThrow();
  }

  private static String errorsText(LoadedAnnotations loaded) {
    return loaded.errors().stream().map(RecordError::toString).collect(Collectors.joining("\n"));
  }

  @Test
  void videoR1VsiBenchKeepsTasksAndRejectsMistypedNumericAndMissingTags() {
    LoadedAnnotations vsi = Fixtures.load(Benchmark.VSI_BENCH, "vsibench-videor1.json");
    assertEquals(9, vsi.items().size());
    assertEquals(2, vsi.errors().size(), errorsText(vsi));
    assertTrue(errorsText(vsi).contains("record #9 (problem_id 505)"), errorsText(vsi));
    assertTrue(errorsText(vsi).contains("retype it 'regression'"), errorsText(vsi));
    assertTrue(errorsText(vsi).contains("(problem_id 506): solution has no <answer>"), errorsText(vsi));
    EvalItem hard = item(vsi, "502");
    assertEquals("object_rel_direction_hard", hard.categories().get(Category.QUESTION_TYPE));
    assertEquals("object_rel_direction", hard.categories().get(Category.TASK));
    assertEquals(ProblemType.REGRESSION, item(vsi, "166").kind());
    assertEquals("4", item(vsi, "166").gold());
    assertEquals("./Evaluation/VSIBench/arkitscenes/47430468.mp4", item(vsi, "166").mediaPath());
    assertTrue(vsi.countNote().contains("5130"));
  }

  @Test
  void officialVsiBenchBuildsPathsAndReportsBadGoldAndTornRecord() {
    LoadedAnnotations vsi = Fixtures.load(Benchmark.VSI_BENCH, "vsibench-official.jsonl");
    assertEquals(List.of("166", "500"), vsi.items().stream().map(EvalItem::id).toList());
    assertEquals("arkitscenes/47430468.mp4", item(vsi, "166").mediaPath());
    assertEquals("B", item(vsi, "500").gold());
    assertEquals(2, vsi.errors().size(), errorsText(vsi));
    assertTrue(errorsText(vsi).contains("numeric gold answer does not parse: 'four'"), errorsText(vsi));
    assertTrue(errorsText(vsi).contains("line 4: not valid JSON"), errorsText(vsi));
  }

  @Test
  void videoMmmuTracksComeFromProblemIdBlocks() {
    LoadedAnnotations mmmu = Fixtures.load(Benchmark.VIDEO_MMMU, "videommmu-videor1.json");
    assertEquals("Adaptation", item(mmmu, "1").categories().get(Category.TRACK));
    assertEquals("Adaptation", item(mmmu, "15").categories().get(Category.TRACK));
    assertEquals(ProblemType.NUMERICAL, item(mmmu, "15").kind());
    assertEquals("Comprehension", item(mmmu, "301").categories().get(Category.TRACK));
    assertEquals("Perception", item(mmmu, "601").categories().get(Category.TRACK));
    assertEquals(10, item(mmmu, "301").options().size());
    assertEquals(1, mmmu.errors().size());
    assertTrue(errorsText(mmmu).contains("problem_id 950 is outside 1..900"), errorsText(mmmu));
  }

  @Test
  void officialVideoMmmuTakesTrackFromFileNameAndKeepsOnlyNumericOpenQuestions() {
    LoadedAnnotations mmmu = Fixtures.load(Benchmark.VIDEO_MMMU, "Perception.jsonl");
    assertEquals(2, mmmu.items().size());
    EvalItem mc = item(mmmu, "Perception:dev_Biology_3");
    assertEquals(List.of("A. 2019", "B. 2020", "C. 2021", "D. 2022"), mc.options());
    assertEquals("dev_Biology_3.mp4", mc.mediaPath());
    assertEquals("According to the table at 1:42 , which year had the highest sales?", mc.problem());
    assertEquals(ProblemType.NUMERICAL, item(mmmu, "Perception:dev_Math_2").kind());
    assertEquals(Map.of("open question with a non-numeric answer", 1), mmmu.excluded());
  }

  @Test
  void officialMmvuKeepsMultipleChoiceNumberedLikeVideoR1() {
    LoadedAnnotations mmvu = Fixtures.load(Benchmark.MMVU, "mmvu-validation.json");
    assertEquals(List.of("1", "2"), mmvu.items().stream().map(EvalItem::id).toList());
    EvalItem first = item(mmvu, "1");
    assertEquals("videos/Biology/7.mp4", first.mediaPath());
    assertEquals("Biology", first.categories().get(Category.SUBJECT));
    assertEquals(5, first.options().size());
    assertEquals("E", item(mmvu, "2").gold());
    assertEquals(1, mmvu.excluded().values().stream().mapToInt(Integer::intValue).sum());
    assertTrue(mmvu.errors().isEmpty(), errorsText(mmvu));
  }

  @Test
  void officialVcrBenchStripsEmbeddedOptionsAndKeepsMultipleChoice() {
    LoadedAnnotations vcr = Fixtures.load(Benchmark.VCR_BENCH, "vcrbench-input.json");
    assertEquals(List.of("1", "3"), vcr.items().stream().map(EvalItem::id).toList());
    EvalItem first = item(vcr, "1");
    assertEquals("What happens right after the explosion?", first.problem());
    assertEquals(
        List.of("A. The car stops", "B. The crowd runs", "C. The lights go out", "D. Nothing changes"),
        first.options());
    assertEquals("short (<=60s)", first.categories().get(Category.DURATION));
    EvalItem third = item(vcr, "3");
    assertEquals("How many times does the dog jump?", third.problem());
    assertEquals(3, third.options().size());
    assertEquals("long (>300s)", third.categories().get(Category.DURATION));
    assertEquals(1, vcr.excluded().size());
    assertEquals(1, vcr.errors().size(), errorsText(vcr));
    assertTrue(errorsText(vcr).contains("(id 4): gold answer 'D' is not one of the option letters A-B"));
  }

  @Test
  void mvbenchTasksByBlockInVideoR1FileAndByFileNameInOfficialDirectory() {
    LoadedAnnotations r1 = Fixtures.load(Benchmark.MVBENCH, "mvbench-videor1.json");
    assertEquals("action_antonym", item(r1, "1").categories().get(Category.TASK));
    assertEquals("action_count", item(r1, "201").categories().get(Category.TASK));
    assertEquals("action_localization", item(r1, "402").categories().get(Category.TASK));
    assertEquals("counterfactual_inference", item(r1, "1282").categories().get(Category.TASK));
    assertEquals(1, item(r1, "1282").options().size());

    LoadedAnnotations official = Fixtures.load(Benchmark.MVBENCH, "mvbench-json");
    assertEquals(List.of("1", "2"), official.items().stream().map(EvalItem::id).toList());
    EvalItem first = item(official, "1");
    assertEquals(item(r1, "1").options(), first.options());
    assertEquals("C", first.gold());
    assertEquals("ssv2_video/166583.webm", first.mediaPath());
    assertEquals("B", item(official, "2").gold());
    assertEquals(2, official.errors().size(), errorsText(official));
    assertTrue(errorsText(official).contains("answer 'clap' is not one of the candidates"));
    assertTrue(errorsText(official).contains("notes.json: not an MVBench task file name"));
  }

  @Test
  void officialTempCompassReadsNestedMultiChoiceAndExcludesOtherTasks() {
    LoadedAnnotations tc = Fixtures.load(Benchmark.TEMPCOMPASS, "tempcompass-questions");
    assertEquals(4, tc.items().size(), errorsText(tc));
    // The official file's sloppy option spellings ("C.Both", " D. x") are normalised; numbering counts the
    // malformed question before it, so ids stay positions.
    EvalItem pan = item(tc, "1034419625/direction/3");
    assertEquals(List.of("A. left", "B. right", "C. Both ways", "D. not at all"), pan.options());
    assertEquals("C", pan.gold());
    EvalItem action = item(tc, "1034419625/action/1");
    assertEquals("What is the man doing in the video?", action.problem());
    assertEquals(3, action.options().size());
    assertEquals("A", action.gold());
    assertEquals("action", action.categories().get(Category.DIMENSION));
    assertEquals("1034419625.mp4", action.mediaPath());
    assertEquals("A", item(tc, "1034419625_reverse/direction/1").gold());
    assertEquals(2, tc.excluded().values().stream().mapToInt(Integer::intValue).sum());
    assertEquals(1, tc.errors().size(), errorsText(tc));
    assertTrue(errorsText(tc).contains("direction[1]"), errorsText(tc));

    // The same nested file written on one line (it reads like one JSON Lines record) loads the same way.
    LoadedAnnotations oneLine = Fixtures.load(Benchmark.TEMPCOMPASS, "tempcompass-oneline/multi-choice.json");
    assertEquals(2, oneLine.items().size(), errorsText(oneLine));
    assertEquals(1, oneLine.errors().size());

    LoadedAnnotations flat = Fixtures.load(Benchmark.TEMPCOMPASS, "tempcompass-flat.jsonl");
    assertEquals(1, flat.items().size());
    assertEquals("B", flat.items().get(0).gold());
    assertEquals(1, flat.excluded().size());
  }

  @Test
  void videoMmeDurationsFromBlocksAndFromOfficialRows() {
    LoadedAnnotations r1 = Fixtures.load(Benchmark.VIDEO_MME, "videomme-videor1.json");
    assertEquals("short", item(r1, "2").categories().get(Category.DURATION));
    assertEquals("medium", item(r1, "901").categories().get(Category.DURATION));
    assertEquals("long", item(r1, "1801").categories().get(Category.DURATION));
    assertEquals("Counting Problem", item(r1, "1").categories().get(Category.TASK_TYPE));

    LoadedAnnotations official = Fixtures.load(Benchmark.VIDEO_MME, "videomme-official.jsonl");
    assertEquals(List.of("001-1", "301-1"), official.items().stream().map(EvalItem::id).toList());
    assertEquals("medium", item(official, "301-1").categories().get(Category.DURATION));
    assertEquals("abc.mp4", item(official, "301-1").mediaPath());
    assertEquals(1, official.errors().size());
  }

  @Test
  void formatIsDetectedFromTheFirstRecord() {
    assertEquals(AnnotationFormat.VIDEO_R1, AnnotationLoader.detect(Fixtures.path("vsibench-videor1.json")));
    assertEquals(AnnotationFormat.OFFICIAL, AnnotationLoader.detect(Fixtures.path("vsibench-official.jsonl")));
    assertEquals(AnnotationFormat.OFFICIAL, AnnotationLoader.detect(Fixtures.path("vcrbench-input.json")));
  }
}
