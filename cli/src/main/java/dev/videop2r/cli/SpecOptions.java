package dev.videop2r.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.videop2r.spec.InvalidFieldException;
import dev.videop2r.spec.Specs;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * Binds a run spec record to a command's flags: one flag per field (named after the field, or its
 * {@code Doc.flag}), described by the field's {@code Doc} with the default taken from the spec's defaults, plus the
 * field's old names as hidden aliases. A run's spec is the defaults, then the {@code --config} file over them, then
 * the flags given on the command line; errors that name a field are reported with its flag.
 */
public final class SpecOptions<T extends Record> {
  private final CommandSpec command;
  private final Class<T> type;
  private final T defaults;
  private final BiFunction<JsonNode, String, JsonNode> upgrade;

  private SpecOptions(CommandSpec command, Class<T> type, T defaults,
      BiFunction<JsonNode, String, JsonNode> upgrade) {
    this.command = command;
    this.type = type;
    this.defaults = defaults;
    this.upgrade = upgrade;
  }

  /** Adds a flag for every field of {@code type} to {@code command} (from a picocli model transformer). */
  public static <T extends Record> CommandSpec declare(CommandSpec command, Class<T> type, T defaults) {
    ObjectNode tree = Specs.tree(defaults);
    for (Specs.Field f : Specs.fields(type)) {
      String shown = Specs.show(f, Specs.at(tree, f.path()));
      String description = f.doc().value() + (shown.isEmpty() ? "" : " Default: " + shown
          + (f.doc().assumed() ? " (assumed; the paper gives none)." : "."));
      command.addOption(option(f, "--" + f.flag(), description, false));
      for (String alias : f.doc().aliases()) {
        command.addOption(option(f, "--" + alias, description, true));
      }
      if (isBoolean(f)) {
        command.addOption(OptionSpec.builder("--no-" + f.flag()).arity("0").type(boolean.class).hidden(true)
            .description("Same as --" + f.flag() + "=false.").build());
      }
    }
    return command;
  }

  private static OptionSpec option(Specs.Field f, String name, String description, boolean hidden) {
    OptionSpec.Builder b = OptionSpec.builder(name).description(description).hidden(hidden)
        .paramLabel(Specs.label(f)).userObject(f);
    if (isBoolean(f)) {
      return b.type(String.class).arity("0..1").fallbackValue("true").paramLabel("true|false").build();
    }
    if (f.element() != null) {
      // Lists of choices read comma separated (--ablate a,b); other lists (paths) one value per word.
      return f.element().isEnum() ? b.type(List.class).auxiliaryTypes(String.class).arity("1").splitRegex(",").build()
          : b.type(List.class).auxiliaryTypes(String.class).arity("1..*").build();
    }
    return b.type(String.class).arity("1").build();
  }

  private static boolean isBoolean(Specs.Field f) {
    return f.type() == boolean.class || f.type() == Boolean.class;
  }

  /** The binding of an already declared command. */
  public static <T extends Record> SpecOptions<T> of(CommandSpec command, Class<T> type, T defaults) {
    return new SpecOptions<>(command, type, defaults, (tree, source) -> tree);
  }

  /** This binding reading {@code --config} files through {@code upgrade} (tree, source), which maps older fields. */
  public SpecOptions<T> upgrading(BiFunction<JsonNode, String, JsonNode> newUpgrade) {
    return new SpecOptions<>(command, type, defaults, newUpgrade);
  }

  /**
   * The run's spec: defaults, then {@code config} (may be null), then the flags given; {@code check} runs
   * further validation (required paths). Errors name the flag ({@code --length-bonus: ω must be >= 0, got -1}).
   */
  public T resolve(Path config, Consumer<T> check) {
    ParseResult parsed = command.commandLine().getParseResult();
    ObjectNode tree = Specs.tree(defaults);
    if (config != null) {
      String source = "--config " + config;
      tree = Specs.merge(type, tree, upgrade.apply(Specs.read(config), source), source);
    }
    try {
      for (Specs.Field f : Specs.fields(type)) {
        JsonNode value = given(parsed, f);
        if (value != null) {
          Specs.set(tree, f.path(), value);
        }
      }
      T spec = Specs.bind(type, tree);
      check.accept(spec);
      return spec;
    } catch (InvalidFieldException e) {
      throw new IllegalArgumentException(e.message(this::flag), e);
    }
  }

  /** The value the command line gives {@code f} (through its flag or an alias), or null. */
  private JsonNode given(ParseResult parsed, Specs.Field f) {
    if (isBoolean(f) && parsed.hasMatchedOption("--no-" + f.flag())) {
      return JsonNodeFactory.instance.booleanNode(false);
    }
    for (String name : names(f)) {
      if (!parsed.hasMatchedOption(name)) {
        continue;
      }
      Object value = parsed.matchedOption(name).getValue();
      if (value instanceof List<?> list) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        list.forEach(v -> array.add(v.toString()));
        return array;
      }
      return Specs.parse(f, value.toString());
    }
    return null;
  }

  private static List<String> names(Specs.Field f) {
    List<String> names = new java.util.ArrayList<>(List.of("--" + f.flag()));
    for (String alias : f.doc().aliases()) {
      names.add("--" + alias);
    }
    return names;
  }

  /** The flag of a field path, or the path itself (with --config) when no flag sets it alone. */
  public String flag(String fieldPath) {
    for (Specs.Field f : Specs.fields(type)) {
      if (f.path().equals(fieldPath)) {
        return "--" + f.flag();
      }
    }
    return "--config field " + fieldPath;
  }
}
