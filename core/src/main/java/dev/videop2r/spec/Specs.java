package dev.videop2r.spec;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.videop2r.io.AtomicFiles;
import dev.videop2r.io.Json;
import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;

/**
 * Run specs as data: the fields of a spec record (nested {@link Group}s included), its tree form (what
 * {@code config.yaml} holds, keys = field names), reading a YAML/JSON config onto the defaults, overriding single
 * fields from command-line text, and binding a tree back to the record so that its constructors validate it.
 * Every error names the field.
 */
public final class Specs {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
      .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
      .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

  /**
   * One settable field of a spec.
   *
   * @param path dotted path from the spec's root, e.g. {@code reward.lengthBonus}
   * @param type the component's class (an enum, a primitive, {@code String}, {@code Path}, a value record, a list)
   * @param element the element class of a list field, else null
   * @param doc the field's documentation
   */
  public record Field(String path, Class<?> type, Class<?> element, Doc doc) {
    /** The last part of the path: the Java component name. */
    public String name() {
      return path.substring(path.lastIndexOf('.') + 1);
    }

    /** The command-line flag, without dashes. */
    public String flag() {
      return doc.flag().isEmpty() ? kebab(name()) : doc.flag();
    }
  }

  private Specs() {}

  /** Every field of {@code type}, groups expanded, in declaration order; each must carry a {@link Doc}. */
  public static List<Field> fields(Class<? extends Record> type) {
    List<Field> out = new ArrayList<>();
    collect(type, "", out);
    return out;
  }

  private static void collect(Class<?> type, String prefix, List<Field> out) {
    for (RecordComponent c : type.getRecordComponents()) {
      String path = prefix + c.getName();
      if (c.getType().isAnnotationPresent(Group.class)) {
        collect(c.getType(), path + ".", out);
        continue;
      }
      Doc doc = c.getAnnotation(Doc.class);
      if (doc == null) {
        throw new IllegalStateException("spec field " + path + " of " + type.getName() + " has no @Doc");
      }
      Class<?> element = null;
      if (List.class.isAssignableFrom(c.getType())) {
        Type arg = ((ParameterizedType) c.getGenericType()).getActualTypeArguments()[0];
        element = (Class<?>) arg;
      }
      out.add(new Field(path, c.getType(), element, doc));
    }
  }

  /** The spec as a tree: nested groups as objects, enums in kebab case ({@code pa-grpo}), nulls kept. */
  public static ObjectNode tree(Record spec) {
    ObjectNode tree = Json.MAPPER.valueToTree(spec);
    for (Field f : fields(spec.getClass())) {
      renameEnums(tree, f, (field, name) -> kebab(name));
    }
    return tree;
  }

  /**
   * The record {@code tree} describes, built through its constructors (which validate). Errors name the field:
   * an {@link InvalidFieldException} with its full dotted path.
   */
  public static <T extends Record> T bind(Class<T> type, JsonNode tree) {
    ObjectNode canonical = tree.deepCopy();
    for (Field f : fields(type)) {
      renameEnums(canonical, f, Specs::constant);
    }
    try {
      return Json.MAPPER.treeToValue(canonical, type);
    } catch (JsonMappingException e) {
      String path = path(e);
      Throwable cause = e instanceof ValueInstantiationException ? e.getCause() : null;
      if (cause instanceof InvalidFieldException invalid) {
        throw invalid.under(path);
      }
      if (cause instanceof IllegalArgumentException || cause instanceof NullPointerException) {
        throw new InvalidFieldException(path.isEmpty() ? "spec" : path, cause.getMessage());
      }
      throw new InvalidFieldException(path.isEmpty() ? "spec" : path, e.getOriginalMessage());
    } catch (IOException e) {
      throw new IllegalStateException("cannot bind a " + type.getSimpleName() + ": " + e.getMessage(), e);
    }
  }

  /** Respells the enum constants of field {@code f} in {@code tree} (a single enum or a list of them). */
  private static void renameEnums(ObjectNode tree, Field f, BiFunction<Field, String, String> spelling) {
    JsonNode value = at(tree, f.path());
    if (value == null) {
      return;
    }
    if (f.type().isEnum() && value.isTextual()) {
      set(tree, f.path(), NODES.textNode(spelling.apply(f, value.asText())));
    } else if (f.element() != null && f.element().isEnum() && value.isArray()) {
      ArrayNode respelt = NODES.arrayNode();
      value.forEach(v -> respelt.add(v.isTextual() ? NODES.textNode(spelling.apply(f, v.asText())) : v));
      set(tree, f.path(), respelt);
    }
  }

  /** The spec with the given fields (dotted paths) set to the given values; unknown paths are refused. */
  public static <T extends Record> T with(T spec, Map<String, ?> values) {
    @SuppressWarnings("unchecked")
    Class<T> type = (Class<T>) spec.getClass();
    ObjectNode tree = tree(spec);
    values.forEach((path, value) -> {
      boolean known = fields(type).stream().anyMatch(f -> f.path().equals(path) || f.path().startsWith(path + "."));
      if (!known) {
        throw new InvalidFieldException(path, "no such field in " + type.getSimpleName());
      }
      set(tree, path, Json.MAPPER.valueToTree(value));
    });
    return bind(type, tree);
  }

  /** The field at {@code path}, or an error listing what exists. */
  public static Field field(Class<? extends Record> type, String path) {
    for (Field f : fields(type)) {
      if (f.path().equals(path)) {
        return f;
      }
    }
    throw new InvalidFieldException(path, "no such field in " + type.getSimpleName());
  }

  /**
   * Lays {@code overlay} (a config file's tree) over {@code base}: keys are field names, groups nested objects.
   * Unknown keys are refused with their path, so a misspelt setting never silently falls back to its default.
   */
  public static ObjectNode merge(Class<? extends Record> type, ObjectNode base, JsonNode overlay, String source) {
    ObjectNode out = base.deepCopy();
    mergeInto(type, "", out, overlay, source);
    return out;
  }

  private static void mergeInto(Class<?> type, String prefix, ObjectNode out, JsonNode overlay, String source) {
    if (!overlay.isObject()) {
      throw new IllegalArgumentException(source + ": " + (prefix.isEmpty() ? "the file" : prefix)
          + " must be a mapping of field names to values");
    }
    Map<String, RecordComponent> components = new LinkedHashMap<>();
    for (RecordComponent c : type.getRecordComponents()) {
      components.put(c.getName(), c);
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = overlay.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      RecordComponent c = components.get(e.getKey());
      if (c == null) {
        throw new IllegalArgumentException(source + ": unknown field '" + prefix + e.getKey() + "' (known: "
            + String.join(", ", components.keySet()) + ")");
      }
      if (c.getType().isAnnotationPresent(Group.class)) {
        mergeInto(c.getType(), prefix + e.getKey() + ".", (ObjectNode) out.get(e.getKey()), e.getValue(), source);
      } else {
        out.set(e.getKey(), e.getValue());
      }
    }
  }

  /** Reads a YAML or JSON config file (YAML is a superset of JSON). */
  public static JsonNode read(Path file) {
    try {
      JsonNode tree = YAML.readTree(Files.readString(file, StandardCharsets.UTF_8));
      if (tree == null || tree.isMissingNode() || tree.isNull()) {
        return NODES.objectNode();
      }
      return tree;
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read config " + file + ": " + e.getMessage().lines().findFirst()
          .orElse(""), e);
    }
  }

  /** The spec in YAML, keys = field names, with a header line. */
  public static String yaml(Record spec) {
    try {
      return "# " + spec.getClass().getSimpleName() + ": every setting of this run (rerun with --config)\n"
          + YAML.writeValueAsString(tree(spec));
    } catch (IOException e) {
      throw new IllegalStateException("cannot write a spec as YAML", e);
    }
  }

  /** Writes {@link #yaml} to {@code file}, atomically. */
  public static void writeYaml(Record spec, Path file) {
    try {
      AtomicFiles.write(file, yaml(spec).getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * The leaf paths whose values differ between two trees, each as {@code path: before → after}; empty when equal.
   */
  public static List<String> diff(JsonNode before, JsonNode after) {
    List<String> out = new ArrayList<>();
    diff("", before, after, out);
    return out;
  }

  private static void diff(String path, JsonNode a, JsonNode b, List<String> out) {
    if (a != null && b != null && a.isObject() && b.isObject()) {
      java.util.Set<String> keys = new java.util.LinkedHashSet<>();
      a.fieldNames().forEachRemaining(keys::add);
      b.fieldNames().forEachRemaining(keys::add);
      for (String k : keys) {
        diff(path.isEmpty() ? k : path + "." + k, a.get(k), b.get(k), out);
      }
    } else if (!Objects.equals(a, b)) {
      out.add(path + ": " + show(a) + " → " + show(b));
    }
  }

  private static String show(JsonNode n) {
    return n == null || n.isMissingNode() ? "(absent)" : n.isTextual() ? n.asText() : n.toString();
  }

  /**
   * The tree value of command-line {@code text} for {@code field}: a number, a boolean, an enum name in any case
   * with dashes ({@code pa-grpo}), a path, a comma-separated list, or a value record's components separated by
   * commas in order ({@code 128,320}).
   */
  public static JsonNode parse(Field field, String text) {
    String t = text.strip();
    try {
      Class<?> type = field.type();
      if (field.element() != null) {
        ArrayNode list = NODES.arrayNode();
        for (String part : t.split(",")) {
          if (!part.isBlank()) {
            list.add(scalar(field.element(), part.strip()));
          }
        }
        return list;
      }
      if (type.isRecord()) {
        RecordComponent[] parts = type.getRecordComponents();
        String[] values = t.split(",");
        if (values.length != parts.length) {
          throw new InvalidFieldException(field.path(), "expected " + parts.length + " comma-separated values ("
              + label(field) + "), got '" + text + "'");
        }
        ObjectNode node = NODES.objectNode();
        for (int i = 0; i < parts.length; i++) {
          node.set(parts[i].getName(), scalar(parts[i].getType(), values[i].strip()));
        }
        return node;
      }
      return scalar(type, t);
    } catch (NumberFormatException e) {
      throw new InvalidFieldException(field.path(), "'" + text + "' is not a number");
    }
  }

  private static JsonNode scalar(Class<?> type, String t) {
    if (type == int.class || type == Integer.class) {
      return NODES.numberNode(Integer.parseInt(t));
    }
    if (type == long.class || type == Long.class) {
      return NODES.numberNode(Long.parseLong(t));
    }
    if (type == double.class || type == Double.class) {
      return NODES.numberNode(Double.parseDouble(t));
    }
    if (type == boolean.class || type == Boolean.class) {
      if (!t.equalsIgnoreCase("true") && !t.equalsIgnoreCase("false")) {
        throw new NumberFormatException(t);
      }
      return NODES.booleanNode(Boolean.parseBoolean(t));
    }
    return NODES.textNode(t);
  }

  /** How a field's value reads on the command line (the inverse of {@link #parse}); null shows as empty. */
  public static String show(Field field, JsonNode value) {
    if (value == null || value.isNull()) {
      return "";
    }
    if (value.isArray() || value.isObject()) {
      List<String> parts = new ArrayList<>();
      value.elements().forEachRemaining(v -> parts.add(v.asText()));
      return String.join(",", parts);
    }
    return field.type().isEnum() ? kebab(value.asText()) : value.asText();
  }

  /**
   * The placeholder a flag's value reads as: the choices of an enum ({@code pa-grpo|grpo}), the type of a list's
   * choices ({@code ABLATION}), {@code PATH} for files and directories, a value record's parts ({@code MIN,MAX}),
   * else the flag's name ({@code LR}, {@code GROUP_SIZE}).
   */
  public static String label(Field field) {
    if (field.element() != null && field.element().isEnum()) {
      return kebab(field.element().getSimpleName()).toUpperCase(Locale.ROOT).replace('-', '_');
    }
    if (field.type().isEnum()) {
      List<String> choices = new ArrayList<>();
      for (Object constant : field.type().getEnumConstants()) {
        choices.add(kebab(((Enum<?>) constant).name()));
      }
      return String.join("|", choices);
    }
    if (field.type() == Path.class || field.element() == Path.class) {
      return "PATH";
    }
    if (field.type().isRecord()) {
      List<String> parts = new ArrayList<>();
      for (RecordComponent c : field.type().getRecordComponents()) {
        parts.add(c.getName().toUpperCase(Locale.ROOT));
      }
      return String.join(",", parts);
    }
    return field.flag().toUpperCase(Locale.ROOT).replace('-', '_');
  }

  /** The value of a dotted path in a tree, or null. */
  public static JsonNode at(JsonNode tree, String path) {
    JsonNode node = tree;
    for (String part : path.split("\\.")) {
      node = node == null ? null : node.get(part);
    }
    return node;
  }

  /** Sets a dotted path in a tree (its groups must exist). */
  public static void set(ObjectNode tree, String path, JsonNode value) {
    int dot = path.lastIndexOf('.');
    ObjectNode parent = dot < 0 ? tree : (ObjectNode) at(tree, path.substring(0, dot));
    parent.set(path.substring(dot + 1), value);
  }

  /** {@code learningRate} or {@code PA_GRPO} to {@code learning-rate} / {@code pa-grpo}. */
  public static String kebab(String name) {
    if (name.equals(name.toUpperCase(Locale.ROOT))) {
      return name.toLowerCase(Locale.ROOT).replace('_', '-');
    }
    return name.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
  }

  /** The Java name of the constant {@code text} spells ({@code pa-grpo}, any case), or an error listing them. */
  private static String constant(Field f, String text) {
    String name = text.strip().toUpperCase(Locale.ROOT).replace('-', '_');
    Class<?> type = f.element() != null ? f.element() : f.type();
    List<String> choices = new ArrayList<>();
    for (Object c : type.getEnumConstants()) {
      if (((Enum<?>) c).name().equals(name)) {
        return name;
      }
      choices.add(kebab(((Enum<?>) c).name()));
    }
    throw new InvalidFieldException(f.path(), "'" + text + "' is not one of " + String.join(", ", choices));
  }

  private static String path(JsonMappingException e) {
    StringBuilder sb = new StringBuilder();
    for (JsonMappingException.Reference r : e.getPath()) {
      if (r.getFieldName() != null) {
        sb.append(sb.isEmpty() ? "" : ".").append(r.getFieldName());
      }
    }
    return sb.toString();
  }
}
