package dev.videop2r.serve;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.videop2r.model.QwenVLModel;
import dev.videop2r.model.generate.Generator;
import dev.videop2r.model.lora.LoraAdapters;
import dev.videop2r.model.lora.PeftFormat;
import dev.videop2r.model.tokenizer.ChatPrompt;
import dev.videop2r.model.tokenizer.ChatTemplate;
import dev.videop2r.model.tokenizer.HfTextTokenizer;
import dev.videop2r.model.tokenizer.VisionPlaceholder;
import dev.videop2r.spec.InvalidFieldException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A checkpoint loaded for serving: weights on the chosen device (an adapter given at start folded in), its tokenizer
 * and chat template, a generator that never samples image/video pads (as the RL rollouts do, so a served rollout can
 * be trained on), and runtime LoRA adapters that requests select by model name (kept beside the weights and switched
 * per generation).
 */
public final class ServedModel implements AutoCloseable {
  private final String name;
  private final NDManager manager;
  private final QwenVLModel model;
  private final HfTextTokenizer tokenizer;
  private final DataType dtype;
  /** Runtime LoRA adapters by the model name clients ask for (vLLM's {@code lora_name}). */
  private final Map<String, LoraAdapters> loras = new ConcurrentHashMap<>();

  private ServedModel(String name, NDManager manager, QwenVLModel model, HfTextTokenizer tokenizer, DataType dtype) {
    this.name = name;
    this.dtype = dtype;
    this.manager = manager;
    this.model = model;
    this.tokenizer = tokenizer;
  }

  /**
   * @param name the model name clients send (vLLM's {@code --served-model-name})
   * @param device null for DJL's default (the first GPU when there is one); commands pass --device's
   */
  public static ServedModel load(Path dir, String name, Device device, DataType dtype) {
    return load(dir, null, name, device, dtype);
  }

  /** @param adapter a PEFT LoRA adapter folded into the served weights (the base clients see), or null */
  public static ServedModel load(Path dir, Path adapter, String name, Device device, DataType dtype) {
    for (String required : List.of("config.json", "tokenizer.json")) {
      if (!Files.isRegularFile(dir.resolve(required))) {
        throw new InvalidFieldException("model", dir + " has no " + required);
      }
    }
    NDManager manager = device == null ? NDManager.newBaseManager() : NDManager.newBaseManager(device);
    try {
      QwenVLModel model = QwenVLModel.load(dir, adapter, manager, dtype);
      return new ServedModel(name, manager, model, HfTextTokenizer.load(dir), dtype);
    } catch (RuntimeException e) {
      manager.close();
      throw e;
    }
  }

  public String name() {
    return name;
  }

  HfTextTokenizer tokenizer() {
    return tokenizer;
  }

  Generator generator() {
    return new Generator(model, model.manager(), tokenizer.specialTokens().pad(),
        Generator.inputOnlyTokens(model.config()));
  }

  TopLogProbs topLogProbs() {
    return new TopLogProbs(model, model.manager());
  }

  /** The prompt the chat template renders for an optional system text, one visual (or null) and the user text. */
  ChatPrompt prompt(String system, VisionPlaceholder visual, String text) {
    return new ChatTemplate(tokenizer, system == null ? ChatTemplate.DEFAULT_SYSTEM_PROMPT : system,
        model.config().vision().spatialMergeSize()).prompt(visual, text);
  }

  /** The names clients may ask for: the served model, then the runtime adapters. */
  List<String> names() {
    List<String> names = new ArrayList<>(List.of(name));
    names.addAll(new TreeSet<>(loras.keySet()));
    return names;
  }

  boolean serves(String model) {
    return name.equals(model) || loras.containsKey(model);
  }

  /**
   * Loads a PEFT adapter under {@code loraName} (replacing one of that name: a trainer's new policy). Runs on the
   * generating thread ({@link BatchScheduler#exclusive}).
   */
  void loadLora(String loraName, Path dir) {
    if (loraName.equals(name)) {
      throw new IllegalArgumentException("'" + loraName + "' is the base model's name");
    }
    LoraAdapters previous = loras.put(loraName, PeftFormat.load(dir, model.config(), manager));
    if (previous != null) {
      previous.close();
    }
  }

  /** Removes an adapter; false when there is none of that name. Runs on the generating thread. */
  boolean unloadLora(String loraName) {
    LoraAdapters gone = loras.remove(loraName);
    if (gone != null) {
      model.setAdapters(null);
      gone.close();
    }
    return gone != null;
  }

  /** Makes the next generations run as {@code model} (the base name or an adapter's); on the generating thread. */
  void select(String model) {
    LoraAdapters adapters = model.equals(name) ? null : loras.get(model);
    if (adapters == null && !model.equals(name)) {
      throw new ApiException(404, "not_found_error", "model", "LoRA adapter '" + model + "' was unloaded");
    }
    this.model.setAdapters(adapters);
  }

  /**
   * Replaces the weights with those saved in {@code dir} (same architecture: a trainer's policy after a step). Must
   * run on the thread that generates ({@link BatchScheduler#exclusive}): the arrays are overwritten in place.
   */
  void reloadWeights(Path dir) {
    try (NDManager scope = manager.newSubManager();
        QwenVLModel fresh = QwenVLModel.load(dir, scope, dtype)) {
      if (!fresh.config().equals(model.config())) {
        throw new IllegalArgumentException(dir + " holds another architecture than the served model");
      }
      var target = model.parameters();
      var source = fresh.parameters();
      if (!target.keySet().equals(source.keySet())) {
        throw new IllegalArgumentException(dir + " holds other tensors than the served model");
      }
      for (var e : target.entrySet()) {
        e.getValue().set(source.get(e.getKey()).toType(e.getValue().getDataType(), false).toByteBuffer());
      }
    }
  }

  @Override
  public void close() {
    loras.values().forEach(LoraAdapters::close);
    tokenizer.close();
    model.close();
    manager.close();
  }
}
