package dev.videop2r.model.lora;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.videop2r.model.QwenConfig;
import dev.videop2r.model.io.KeyLayout;
import dev.videop2r.model.io.ModelJson;
import dev.videop2r.model.io.SafetensorsFile;
import dev.videop2r.model.io.SafetensorsWriter;
import dev.videop2r.model.io.TensorDType;
import dev.videop2r.model.io.TensorInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * PEFT's adapter layout, so that PEFT, transformers and vLLM ({@code --enable-lora}) load our adapters unchanged and
 * we load theirs: {@code adapter_config.json} (peft_type LORA, r, lora_alpha, lora_dropout, target_modules) and
 * {@code adapter_model.safetensors} with keys {@code base_model.model.model.layers.N.self_attn.q_proj.lora_A.weight}
 * (A {@code [r, in]}, B {@code [out, r]}). On load, transformers ≥ 4.52's module path
 * ({@code model.language_model.layers.N}, what PEFT writes there) is accepted too; on save, the base checkpoint's
 * layout can be asked for ({@link KeyLayout}).
 *
 * <p>{@code target_modules} is written as a regular expression over the decoder's layers: PEFT matches a plain list
 * like {@code ["gate_proj"]} against every module whose name ends so, the vision tower's MLP included.
 */
public final class PeftFormat {

  public static final String CONFIG_FILE = "adapter_config.json";
  public static final String WEIGHTS_FILE = "adapter_model.safetensors";
  private static final String PREFIX = "base_model.model.";
  private static final String NEW_LAYOUT = "model.language_model.layers.";

  private PeftFormat() {}

  /**
   * Writes both files (each atomically) into {@code dir} with the published layout's keys
   * ({@code base_model.model.model.layers.N.…}), which every transformers version and vLLM read.
   */
  public static void save(LoraAdapters adapters, Path dir, String baseModel) {
    save(adapters, dir, baseModel, KeyLayout.PUBLISHED);
  }

  /**
   * Writes both files (each atomically) into {@code dir}, keys in {@code layout} (the base checkpoint's own, as PEFT
   * would name them on the transformers that wrote it); {@code baseModel} is recorded for PEFT's loader.
   */
  public static void save(LoraAdapters adapters, Path dir, String baseModel, KeyLayout layout) {
    LoraSpec spec = adapters.spec();
    ObjectNode config = ModelJson.MAPPER.createObjectNode();
    config.put("peft_type", "LORA");
    config.put("task_type", "CAUSAL_LM");
    config.put("base_model_name_or_path", baseModel);
    config.put("r", spec.rank());
    config.put("lora_alpha", spec.alpha());
    config.put("lora_dropout", spec.dropout());
    config.put("target_modules", targetPattern(spec.targets()));
    config.put("bias", "none");
    config.put("fan_in_fan_out", false);
    config.put("inference_mode", true);
    config.put("init_lora_weights", true);
    config.put("use_rslora", false);
    config.put("use_dora", false);
    config.putNull("modules_to_save");
    config.putObject("rank_pattern");
    config.putObject("alpha_pattern");
    List<SafetensorsWriter.Entry> entries = new ArrayList<>();
    for (Map.Entry<String, NDArray> e : new TreeMap<>(adapters.parameters()).entrySet()) {
      NDArray a = e.getValue();
      entries.add(new SafetensorsWriter.Entry(PREFIX + layout.decoderName(e.getKey()), TensorDType.F32,
          a.getShape().getShape(),
          a.toType(DataType.FLOAT32, false).toByteBuffer().order(ByteOrder.LITTLE_ENDIAN)));
    }
    try {
      Files.createDirectories(dir);
      SafetensorsWriter.write(dir.resolve(WEIGHTS_FILE), entries, Map.of("format", "pt"));
      Path tmp = dir.resolve(CONFIG_FILE + ".tmp");
      ModelJson.PRETTY.writeValue(tmp.toFile(), config);
      Files.move(tmp, dir.resolve(CONFIG_FILE), StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write adapter to " + dir + ": " + e.getMessage(), e);
    }
  }

  /**
   * Reads an adapter directory for a model of {@code config}. Errors name the file and the key: an adapter of
   * another model (shapes), of another method (peft_type), or with weights for modules we do not adapt.
   */
  public static LoraAdapters load(Path dir, QwenConfig config, NDManager parent) {
    Path configFile = dir.resolve(CONFIG_FILE);
    Path weightsFile = dir.resolve(WEIGHTS_FILE);
    for (Path p : List.of(configFile, weightsFile)) {
      if (!Files.isRegularFile(p)) {
        throw new IllegalArgumentException("adapter " + dir + ": no " + p.getFileName()
            + " (a PEFT LoRA adapter directory holds " + CONFIG_FILE + " and " + WEIGHTS_FILE + ")");
      }
    }
    JsonNode root;
    try {
      root = ModelJson.MAPPER.readTree(configFile.toFile());
    } catch (IOException e) {
      throw new IllegalArgumentException(configFile + ": not valid JSON: " + e.getMessage(), e);
    }
    if (!"LORA".equals(root.path("peft_type").asText())) {
      throw new IllegalArgumentException(configFile + ": peft_type must be LORA, got " + root.path("peft_type"));
    }
    for (String unsupported : List.of("use_dora", "use_rslora", "fan_in_fan_out")) {
      if (root.path(unsupported).asBoolean(false)) {
        throw new IllegalArgumentException(configFile + ": " + unsupported + " = true is not supported");
      }
    }
    if (!root.path("rank_pattern").isEmpty() || !root.path("alpha_pattern").isEmpty()) {
      throw new IllegalArgumentException(configFile + ": per-module rank_pattern/alpha_pattern are not supported");
    }
    int rank = root.path("r").asInt(0);
    double alpha = root.path("lora_alpha").asDouble(Double.NaN);
    double dropout = root.path("lora_dropout").asDouble(0);
    NDManager manager = parent.newSubManager();
    try (SafetensorsFile file = SafetensorsFile.open(weightsFile)) {
      Map<String, NDArray> params = new LinkedHashMap<>();
      Set<String> modules = new LinkedHashSet<>();
      for (Map.Entry<String, TensorInfo> e : file.tensors().entrySet()) {
        String name = canonical(e.getKey(), weightsFile);
        String module = moduleOf(name, config, weightsFile);
        modules.add(module);
        long[] weightShape = LoraAdapters.shapeOf(config, module);
        boolean isA = name.endsWith(".lora_A.weight");
        long[] expected = isA ? new long[] {rank, weightShape[1]} : new long[] {weightShape[0], rank};
        if (!Arrays.equals(e.getValue().shape(), expected)) {
          throw new IllegalArgumentException(weightsFile + ": tensor '" + e.getKey() + "' has shape "
              + Arrays.toString(e.getValue().shape()) + ", expected " + Arrays.toString(expected) + " for r = " + rank
              + " on this model");
        }
        params.put(name, manager.create(file.floats(e.getKey()), new Shape(expected)));
      }
      LoraSpec spec;
      try {
        spec = new LoraSpec(rank, alpha, dropout, modules);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(configFile + ": " + e.getMessage(), e);
      }
      // PEFT may adapt a subset of layers (layers_to_transform); each A needs its B and the other way round.
      for (String name : params.keySet()) {
        String pair = name.endsWith(".lora_A.weight") ? name.replace(".lora_A.weight", ".lora_B.weight")
            : name.replace(".lora_B.weight", ".lora_A.weight");
        if (!params.containsKey(pair)) {
          throw new IllegalArgumentException(weightsFile + ": missing tensor '" + PREFIX + pair + "' (the pair of '"
              + PREFIX + name + "')");
        }
      }
      return new LoraAdapters(spec, manager, params);
    } catch (RuntimeException e) {
      manager.close();
      throw e;
    }
  }

  /** PEFT's key without its prefix, in the published (4.49) module path. */
  private static String canonical(String key, Path file) {
    if (!key.startsWith(PREFIX) || !(key.endsWith(".lora_A.weight") || key.endsWith(".lora_B.weight"))) {
      throw new IllegalArgumentException(file + ": tensor '" + key + "' is not a LoRA weight of the form "
          + PREFIX + "<module>.lora_A.weight / .lora_B.weight");
    }
    String name = key.substring(PREFIX.length());
    return name.startsWith(NEW_LAYOUT) ? "model.layers." + name.substring(NEW_LAYOUT.length()) : name;
  }

  /** The decoder module a canonical LoRA key belongs to; refuses vision and other modules. */
  private static String moduleOf(String name, QwenConfig config, Path file) {
    String[] parts = name.split("\\.");
    // model.layers.N.(self_attn|mlp).MODULE.lora_X.weight
    if (parts.length != 7 || !parts[0].equals("model") || !parts[1].equals("layers")
        || !LoraSpec.DECODER_MODULES.contains(parts[4])
        || !LoraSpec.weightName(0, parts[4]).contains("." + parts[3] + ".")) {
      throw new IllegalArgumentException(file + ": tensor '" + PREFIX + name + "' does not adapt a decoder linear "
          + "layer (model.layers.N.self_attn.{q,k,v,o}_proj or .mlp.{gate,up,down}_proj)");
    }
    int layer;
    try {
      layer = Integer.parseInt(parts[2]);
    } catch (NumberFormatException e) {
      layer = -1;
    }
    if (layer < 0 || layer >= config.numHiddenLayers()) {
      throw new IllegalArgumentException(file + ": tensor '" + PREFIX + name + "' names layer " + parts[2]
          + ", the model has " + config.numHiddenLayers());
    }
    return parts[4];
  }

  /** PEFT's target_modules as a full-match regex over the decoder layers' module paths (either layout). */
  static String targetPattern(Set<String> targets) {
    List<String> attention = targets.stream().filter(t -> LoraSpec.weightName(0, t).contains(".self_attn."))
        .toList();
    List<String> mlp = targets.stream().filter(t -> LoraSpec.weightName(0, t).contains(".mlp.")).toList();
    List<String> alternatives = new ArrayList<>();
    if (!attention.isEmpty()) {
      alternatives.add("self_attn\\.(" + String.join("|", attention) + ")");
    }
    if (!mlp.isEmpty()) {
      alternatives.add("mlp\\.(" + String.join("|", mlp) + ")");
    }
    return ".*model\\.(language_model\\.)?layers\\.\\d+\\.(" + String.join("|", alternatives) + ")";
  }
}
