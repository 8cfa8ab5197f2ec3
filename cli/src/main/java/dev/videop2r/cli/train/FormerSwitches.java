package dev.videop2r.cli.train;

import dev.videop2r.objective.Ablation;
import dev.videop2r.objective.RlObjective;
import dev.videop2r.spec.Specs;
import dev.videop2r.training.rl.RlSpec;
import java.util.EnumSet;
import java.util.Set;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * The flags {@code rl} had for the ablations before they became one list ({@code --separation=false},
 * {@code --no-length-reward}, ...), kept working as hidden aliases of {@code --ablate} for one release: each names
 * an {@link Ablation#formerSwitch()}, and false adds that ablation, true removes it.
 */
final class FormerSwitches {
  private FormerSwitches() {}

  /** Adds the hidden flags to {@code command}. */
  static void declare(CommandSpec command) {
    for (Ablation a : Ablation.values()) {
      command.addOption(OptionSpec.builder("--" + flag(a)).type(String.class).arity("0..1").fallbackValue("true")
          .hidden(true).description("Former switch: false = --ablate " + Specs.kebab(a.name()) + ".").build());
      command.addOption(OptionSpec.builder("--no-" + flag(a)).type(boolean.class).arity("0").hidden(true)
          .description("Former switch: --ablate " + Specs.kebab(a.name()) + ".").build());
    }
  }

  /** {@code spec} with the former switches given on the command line applied to its ablations. */
  static RlSpec apply(RlSpec spec, ParseResult parsed) {
    Set<Ablation> ablations = EnumSet.noneOf(Ablation.class);
    ablations.addAll(spec.ablations());
    boolean given = false;
    for (Ablation a : Ablation.values()) {
      Boolean on = null;
      if (parsed.hasMatchedOption("--no-" + flag(a))) {
        on = false;
      } else if (parsed.hasMatchedOption("--" + flag(a))) {
        String value = parsed.matchedOption("--" + flag(a)).getValue().toString().strip();
        if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
          throw new IllegalArgumentException("--" + flag(a) + ": expected true or false, got '" + value + "'");
        }
        on = Boolean.parseBoolean(value);
      }
      if (on != null) {
        given = true;
        if (on) {
          ablations.remove(a);
        } else {
          ablations.add(a);
        }
      }
    }
    return given ? spec.with(RlObjective.of(spec.algorithm(), ablations)) : spec;
  }

  /** The former flag: the switch's field name in kebab case ({@code reward.lengthReward} to length-reward). */
  private static String flag(Ablation a) {
    String path = a.formerSwitch();
    return Specs.kebab(path.substring(path.lastIndexOf('.') + 1));
  }
}
