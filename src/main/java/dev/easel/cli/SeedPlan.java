package dev.easel.cli;

import dev.easel.text.Messages;

import java.util.List;
import java.util.Locale;

/** How seeds go from job to job. */
record SeedPlan(Mode mode, Long start, boolean given) {
    enum Mode { RANDOM, FIXED, INCREMENT }

    static SeedPlan parse(List<String> args) {
        Mode mode = null;
        Long start = null;
        for (String a : args) {
            String v = a.strip().toLowerCase(Locale.ROOT);
            switch (v) {
                case "random" -> mode = Mode.RANDOM;
                case "fixed" -> mode = Mode.FIXED;
                case "increment" -> mode = Mode.INCREMENT;
                default -> {
                    try {
                        start = Long.parseLong(v);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException(Messages.get("cli.seed.badValue", a));
                    }
                    if (start < 0) {
                        throw new IllegalArgumentException(Messages.get("cli.seed.negative"));
                    }
                }
            }
        }
        if (mode == null) {
            mode = start != null ? Mode.FIXED : Mode.RANDOM;
        }
        return new SeedPlan(mode, start, !args.isEmpty());
    }
}
