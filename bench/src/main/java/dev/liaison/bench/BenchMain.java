package dev.liaison.bench;

/** What every benchmark's main method does around its run: selection, the exit status, a run that cannot start. */
final class BenchMain {

    /** A benchmark's run: 0 when its figures can be trusted, 1 when not. */
    @FunctionalInterface
    interface Run {
        int run() throws Exception;
    }

    private BenchMain() {
    }

    /** Exits with the run's status, or 2 when it could not run at all; returns at once when not selected. */
    static void exitWith(String name, Run run) {
        if (BenchSelection.skips(name)) {
            return;
        }
        int status;
        try {
            status = run.run();
        } catch (Exception e) {
            System.err.println("The benchmark could not run: " + e);
            e.printStackTrace();
            status = 2;
        }
        System.exit(status);
    }
}
