package dev.videop2r.cli;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The one way enum options are read: {@code pa-grpo}, {@code PA_GRPO} and {@code Pa-Grpo} all name
 * {@code PA_GRPO}; an enum whose {@code toString()} spells a constant otherwise ({@code text+obs},
 * {@code vsibench}) is read in that spelling too. A wrong value is answered with the accepted spellings.
 */
public final class EnumConverters {
  private EnumConverters() {}

  /** Registers the converter for every enum type an option of {@code cli} or its subcommands takes. */
  static CommandLine register(CommandLine cli) {
    Set<Class<?>> enums = new LinkedHashSet<>();
    collect(cli, enums);
    for (Class<?> type : enums) {
      registerOne(cli, type);
    }
    return cli;
  }

  private static void collect(CommandLine cli, Set<Class<?>> enums) {
    for (OptionSpec option : cli.getCommandSpec().options()) {
      List<Class<?>> types = new ArrayList<>(List.of(option.type()));
      types.addAll(List.of(option.auxiliaryTypes()));
      types.stream().filter(Class::isEnum).forEach(enums::add);
    }
    cli.getSubcommands().values().forEach(sub -> collect(sub, enums));
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static void registerOne(CommandLine cli, Class<?> type) {
    cli.registerConverter((Class) type, value -> convert((Class<? extends Enum>) type, value));
  }

  static <E extends Enum<E>> E convert(Class<E> type, String value) {
    String name = value.strip().toUpperCase(Locale.ROOT).replace('-', '_');
    for (E e : type.getEnumConstants()) {
      if (e.name().equals(name) || e.toString().equalsIgnoreCase(value.strip())) {
        return e;
      }
    }
    List<String> accepted = new ArrayList<>();
    for (E e : type.getEnumConstants()) {
      accepted.add(spelling(e));
    }
    throw new CommandLine.TypeConversionException("'" + value + "' is not one of " + String.join(", ", accepted));
  }

  /** How a constant is shown: its own {@code toString()} where it has one, else its name in kebab case. */
  public static String spelling(Enum<?> e) {
    return e.toString().equals(e.name()) ? e.name().toLowerCase(Locale.ROOT).replace('_', '-') : e.toString();
  }
}
