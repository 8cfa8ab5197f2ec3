package dev.videop2r.cli;

import dev.videop2r.spec.FieldMessage;
import dev.videop2r.spec.InvalidFieldException;
import dev.videop2r.spec.Specs;
import java.io.PrintWriter;
import java.lang.reflect.Member;
import java.util.function.UnaryOperator;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Every error the tool reports is one line on stderr, {@code videop2r <command path>: error: <message>}, instead
 * of a stack trace: bad input and failed commands exit 2, errors of the JVM itself (out of memory, a native
 * library missing) exit 1. Set VIDEOP2R_DEBUG=1 to see the trace as well. A library's complaint about a field
 * ({@link FieldMessage}, such as {@link InvalidFieldException}) is reported with the flags that set the fields.
 */
final class CliErrors implements CommandLine.IExecutionExceptionHandler, CommandLine.IParameterExceptionHandler,
    CommandLine.IExecutionStrategy {

  /** Installs the handlers on {@code cli}. */
  static CommandLine install(CommandLine cli) {
    CliErrors errors = new CliErrors();
    cli.setExecutionExceptionHandler(errors);
    cli.setParameterExceptionHandler(errors);
    cli.setExecutionStrategy(errors);
    return cli;
  }

  @Override
  public int handleExecutionException(Exception e, CommandLine cli, CommandLine.ParseResult parseResult) {
    report(cli, message(cli, e), e);
    return 2;
  }

  /**
   * The message of {@code e} with every field that a {@link FieldMessage} in it mentions written as its flag: the
   * whole text when {@code e} is one, the part a wrapped cause contributed when it carries one.
   */
  static String message(CommandLine cli, Throwable e) {
    UnaryOperator<String> flag = path -> flag(cli, path);
    if (e instanceof FieldMessage m) {
      return m.message(flag);
    }
    String text = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    for (Throwable t = e.getCause(); t != null && t != t.getCause(); t = t.getCause()) {
      if (t instanceof FieldMessage m) {
        text = text.replace(m.byField(), m.message(flag));
      }
    }
    return text;
  }

  /**
   * The flag of {@code cli} that sets a library's field: the flag a run spec's field was declared as (see {@link
   * SpecOptions}), the option named after the field path or its last part in
   * kebab case ({@code judge.concurrency} to {@code --judge-concurrency} or {@code --concurrency}), or the option
   * whose Java field has the field's name; the field path itself when no option sets it.
   */
  static String flag(CommandLine cli, String fieldPath) {
    for (OptionSpec option : cli.getCommandSpec().options()) {
      if (option.userObject() instanceof Specs.Field f && f.path().equals(fieldPath)) {
        return "--" + f.flag();
      }
    }
    String last = fieldPath.substring(fieldPath.lastIndexOf('.') + 1);
    for (String name : new String[] {Specs.kebab(fieldPath.replace('.', '-')), Specs.kebab(last)}) {
      if (cli.getCommandSpec().findOption("--" + name) != null) {
        return "--" + name;
      }
    }
    for (OptionSpec option : cli.getCommandSpec().options()) {
      if (option.userObject() instanceof Member member && member.getName().equals(last)) {
        return option.longestName();
      }
    }
    return fieldPath;
  }

  /** Usage mistakes: the message and where to read more, without the whole usage text. */
  @Override
  public int handleParseException(CommandLine.ParameterException e, String[] args) {
    CommandLine cli = e.getCommandLine();
    // picocli starts its argument-group messages with "Error: ", which the report's own "error: " would double.
    String message = e.getMessage().replaceFirst("^Error: ", "");
    report(cli, message + " (see '" + path(cli) + " --help')", e);
    return 2;
  }

  /** Runs the command; a JVM error escaping it (picocli wraps only exceptions) becomes one line too. */
  @Override
  public int execute(CommandLine.ParseResult parseResult) {
    try {
      return new CommandLine.RunLast().execute(parseResult);
    } catch (OutOfMemoryError e) {
      report(last(parseResult), "out of memory (" + e.getMessage() + "); give the JVM more with "
          + "VIDEOP2R_JAVA_OPTS=-Xmx16g, or lower the batch or frame settings", e);
      return 1;
    } catch (StackOverflowError | LinkageError e) {
      report(last(parseResult), e.getClass().getSimpleName() + ": " + e.getMessage(), e);
      return 1;
    }
  }

  private static CommandLine last(CommandLine.ParseResult parseResult) {
    CommandLine.ParseResult p = parseResult;
    while (p.hasSubcommand()) {
      p = p.subcommand();
    }
    return p.commandSpec().commandLine();
  }

  private static String path(CommandLine cli) {
    return cli.getCommandSpec().qualifiedName(" ");
  }

  private static void report(CommandLine cli, String message, Throwable e) {
    PrintWriter err = cli.getErr();
    err.println(path(cli) + ": error: " + message.strip().replaceAll("\\s*\\R\\s*", " "));
    if (System.getenv("VIDEOP2R_DEBUG") != null) {
      e.printStackTrace(err);
    }
    err.flush();
  }
}
