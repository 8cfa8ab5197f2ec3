package dev.videop2r.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.videop2r.reward.LengthWindow;
import dev.videop2r.reward.RewardConfig;
import dev.videop2r.reward.ScoringMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpecsTest {
  /** A spec with a group, a path list and an enum, as the trainers' specs are built. */
  record TestSpec(
      @Doc("Data files.") List<Path> data,
      RewardConfig reward,
      @Doc(value = "Steps.", flag = "n") int steps,
      @Doc("Shuffle.") boolean shuffle) {
    TestSpec {
      InvalidFieldException.check(steps >= 1, "steps", "must be >= 1, got " + steps);
    }
  }

  private static final TestSpec DEFAULTS = new TestSpec(List.of(), RewardConfig.defaults(), 3, true);

  @Test
  void fieldsExpandGroupsAndKeepValueRecordsWhole() {
    List<String> paths = Specs.fields(TestSpec.class).stream().map(Specs.Field::path).toList();
    assertEquals(List.of("data", "reward.mode", "reward.template", "reward.lengthBonus", "reward.perceptionWindow",
        "reward.reasoningWindow", "steps", "shuffle"), paths);
    assertEquals("scoring-mode", Specs.field(TestSpec.class, "reward.mode").flag());
    assertEquals("n", Specs.field(TestSpec.class, "steps").flag());
    assertEquals("MIN,MAX", Specs.label(Specs.field(TestSpec.class, "reward.perceptionWindow")));
    assertEquals("video-r1|corrected", Specs.label(Specs.field(TestSpec.class, "reward.mode")));
  }

  @Test
  void treeRoundTripsThroughYamlWithEnumsInKebabCase(@TempDir Path dir) {
    TestSpec spec = new TestSpec(List.of(Path.of("a/b.json")), RewardConfig.defaults().withMode(ScoringMode.VIDEO_R1)
        .withWindows(new LengthWindow(1, 2), new LengthWindow(3, 4)), 7, false);
    Path file = dir.resolve("config.yaml");
    Specs.writeYaml(spec, file);
    String yaml = assertDoesNotThrowRead(file);
    assertTrue(yaml.contains("mode: video-r1") && yaml.contains("- a/b.json"), yaml);
    ObjectNode merged = Specs.merge(TestSpec.class, Specs.tree(DEFAULTS), Specs.read(file), "test");
    assertEquals(spec, Specs.bind(TestSpec.class, merged));
  }

  private static String assertDoesNotThrowRead(Path file) {
    try {
      return Files.readString(file);
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void aConfigKeyThatIsNoFieldIsRefusedWithItsPath(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("c.yaml");
    Files.writeString(file, "reward:\n  omgea: 0.3\n");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Specs.merge(TestSpec.class, Specs.tree(DEFAULTS), Specs.read(file), "c.yaml"));
    assertTrue(e.getMessage().startsWith("c.yaml: unknown field 'reward.omgea' (known: mode, template,"),
        e.getMessage());
  }

  @Test
  void invalidValuesNameTheFieldByItsFullPath() {
    InvalidFieldException omega = assertThrows(InvalidFieldException.class,
        () -> Specs.with(DEFAULTS, Map.of("reward.lengthBonus", -1.0)));
    assertEquals("reward.lengthBonus", omega.field());
    InvalidFieldException window = assertThrows(InvalidFieldException.class,
        () -> Specs.with(DEFAULTS, Map.of("reward.perceptionWindow", Map.of("min", 5, "max", 1))));
    assertEquals("reward.perceptionWindow", window.field());
    InvalidFieldException steps = assertThrows(InvalidFieldException.class,
        () -> Specs.with(DEFAULTS, Map.of("steps", 0)));
    assertEquals("steps: must be >= 1, got 0", steps.getMessage());
    InvalidFieldException text = assertThrows(InvalidFieldException.class,
        () -> Specs.parse(Specs.field(TestSpec.class, "steps"), "many"));
    assertEquals("steps: 'many' is not a number", text.getMessage());
    InvalidFieldException unknown = assertThrows(InvalidFieldException.class,
        () -> Specs.with(DEFAULTS, Map.of("reward.omega", 1.0)));
    assertEquals("reward.omega", unknown.field());
  }

  @Test
  void commandLineTextBecomesTypedValues() {
    TestSpec spec = Specs.with(DEFAULTS, Map.of());
    ObjectNode tree = Specs.tree(spec);
    Specs.set(tree, "reward.reasoningWindow", Specs.parse(Specs.field(TestSpec.class, "reward.reasoningWindow"),
        "10, 20"));
    Specs.set(tree, "reward.mode", Specs.parse(Specs.field(TestSpec.class, "reward.mode"), "Video-R1"));
    Specs.set(tree, "shuffle", Specs.parse(Specs.field(TestSpec.class, "shuffle"), "false"));
    TestSpec bound = Specs.bind(TestSpec.class, tree);
    assertEquals(new LengthWindow(10, 20), bound.reward().reasoningWindow());
    assertEquals(ScoringMode.VIDEO_R1, bound.reward().mode());
    assertEquals(false, bound.shuffle());
  }

  /** A spec with a list of enum constants. */
  record ModesSpec(@Doc("Modes.") List<ScoringMode> modes) {}

  @Test
  void enumListsAreKebabCaseInTheTreeAndBindFromAnySpelling() {
    ModesSpec spec = new ModesSpec(List.of(ScoringMode.VIDEO_R1, ScoringMode.CORRECTED));
    assertEquals("[\"video-r1\",\"corrected\"]", Specs.tree(spec).get("modes").toString());
    assertEquals("SCORING_MODE", Specs.label(Specs.field(ModesSpec.class, "modes")));
    ObjectNode tree = Specs.tree(new ModesSpec(List.of()));
    Specs.set(tree, "modes", Specs.parse(Specs.field(ModesSpec.class, "modes"), "Video-R1, corrected"));
    assertEquals(spec, Specs.bind(ModesSpec.class, tree));
    Specs.set(tree, "modes", Specs.parse(Specs.field(ModesSpec.class, "modes"), "corrected,strict"));
    assertEquals("modes: 'strict' is not one of video-r1, corrected",
        assertThrows(InvalidFieldException.class, () -> Specs.bind(ModesSpec.class, tree)).getMessage());
  }

  @Test
  void diffNamesEachChangedLeaf() {
    ObjectNode before = Specs.tree(DEFAULTS);
    ObjectNode after = Specs.tree(Specs.with(DEFAULTS, Map.of("reward.lengthBonus", 0.3, "steps", 4)));
    assertEquals(List.of("reward.lengthBonus: 0.2 → 0.3", "steps: 3 → 4"), Specs.diff(before, after));
    assertEquals(List.of(), Specs.diff(before, Specs.tree(DEFAULTS)));
  }
}
