package dev.scratchnet.samples.serve;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.scratchnet.annotations.InitMethod;
import dev.scratchnet.runtime.Model;
import dev.scratchnet.runtime.Parameter;
import dev.scratchnet.runtime.data.MnistData;
import dev.scratchnet.runtime.train.Initializers;
import dev.scratchnet.runtime.train.Trainer;
import dev.scratchnet.runtime.train.TrainingConfig;
import dev.scratchnet.runtime.train.TrainingEvent;
import dev.scratchnet.runtime.train.TrainingListener;
import dev.scratchnet.runtime.train.TrainingResult;
import dev.scratchnet.samples.EmbeddedMnist;
import dev.scratchnet.samples.SampleNetworks;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Training runs started from the page, one at a time, each on a thread of its own with a model of its own: the book's
 * network with its initial weights (seed 0, as {@code mnist}), trained on the embedded MNIST with batches of 100. The
 * run's listener turns the trainer's events into {@code loss} and {@code epoch} events and copies the weights into
 * the served model every {@value #CHUNK} iterations and at each evaluation, so that a drawing shows the network
 * improving while it trains.
 */
final class TrainingRuns {
    /**
     * Iterations per {@code loss} event and weight copy: often enough for the curve and a drawing's answer to move
     * smoothly, seldom enough that the copies and events cost training nothing noticeable.
     */
    static final int CHUNK = 50;

    /** How long closing waits for a stopped run to finish its final evaluation. */
    private static final long CLOSE_WAIT_SECONDS = 30;

    private final ServedModel served;
    private final EventLog events;
    private @Nullable Run current;
    private int runs;

    TrainingRuns(ServedModel served, EventLog events) {
        this.served = served;
        this.events = events;
    }

    /** One run: its number, what was asked, its trainer and its thread. */
    private record Run(int number, Requests.Training request, Trainer trainer, Thread thread) {}

    /**
     * Starts a run and returns its {@code run} event; the served model becomes a copy of the run's model.
     *
     * @throws HttpError 409 while another run is in progress
     */
    synchronized JsonObject start(Requests.Training request) {
        if (current != null) {
            throw new HttpError(409, "a training run is already in progress (run " + current.number() + ": "
                    + current.request().describe() + "); stop it first or wait for it to end");
        }
        Model model = network(request);
        Initializers.initialize(model, InitMethod.BOOK, 0);
        Trainer trainer = new Trainer(model, TrainingConfig.builder()
                .iterations(request.iterations())
                .learningRate(request.learningRate())
                .optimizer(request.optimizer())
                .build());
        Publisher publisher = new Publisher(model);
        trainer.addListener(publisher);
        served.replace(network(request), ServedModel.State.TRAINING, "training: " + request.describe());
        served.copyWeights(model.getParameters());
        runs++;
        JsonObject started = request.toJson();
        started.addProperty("run", runs);
        started.addProperty("batch_size", trainer.getConfig().getBatchSize());
        events.startRun(started);
        Thread thread = new Thread(() -> train(request, trainer, publisher), "scratchnet-training-" + runs);
        thread.setDaemon(true);
        current = new Run(runs, request, trainer, thread);
        thread.start();
        return started;
    }

    /**
     * Asks the run to stop after the iteration in progress; it then evaluates and ends as {@code stopped}.
     *
     * @throws HttpError 409 when no run is in progress
     */
    synchronized JsonObject stop() {
        if (current == null) {
            throw new HttpError(409, "no training run is in progress");
        }
        current.trainer().requestStop();
        JsonObject o = new JsonObject();
        o.addProperty("run", current.number());
        o.addProperty("status", "stopping");
        return o;
    }

    /** Stops the run in progress, if any, and waits for its thread to end. */
    void close() throws InterruptedException {
        Run run;
        synchronized (this) {
            run = current;
        }
        if (run != null) {
            run.trainer().requestStop();
            run.thread().join(TimeUnit.SECONDS.toMillis(CLOSE_WAIT_SECONDS));
        }
    }

    /** The run's thread: loads MNIST (once per process), trains, and reports how the run ended. */
    private void train(Requests.Training request, Trainer trainer, Publisher publisher) {
        JsonObject done = new JsonObject();
        done.addProperty("status", "failed");
        ServedModel.State state = ServedModel.State.FAILED;
        String description = "training failed (" + request.describe() + "); serving the last finite weights";
        try {
            MnistData mnist = EmbeddedMnist.load();
            TrainingResult result = trainer.train(mnist.getTrain(), mnist.getTest());
            publisher.flush();
            boolean stopped = trainer.isStopRequested();
            state = stopped ? ServedModel.State.STOPPED : ServedModel.State.TRAINED;
            done.addProperty("status", stopped ? "stopped" : "finished");
            done.addProperty("train_accuracy", result.getTrainAccuracy());
            done.addProperty("test_accuracy", result.getTestAccuracy());
            done.addProperty("seconds", result.getWallSeconds());
            description = String.format(Locale.ROOT, "%s: %s; test accuracy %.4f",
                    stopped ? String.format(Locale.ROOT, "stopped at iteration %,d", trainer.getIteration()) : "trained here",
                    request.describe(), result.getTestAccuracy());
        } catch (RuntimeException e) {
            done.addProperty("message", String.valueOf(e.getMessage()));
            description = "training failed (" + request.describe() + "): " + e.getMessage()
                    + "; serving the last finite weights";
        } finally {
            // Even when the thread dies of an Error, the run ends: otherwise every later start would be refused.
            done.addProperty("iteration", trainer.getIteration());
            synchronized (this) {
                // Under the lock that start() takes: a start that sees no run in progress comes after this "done".
                current = null;
                served.describe(state, description);
                events.append("done", done);
            }
        }
    }

    /** The book's network with the requested activation, with zero weights. */
    private static Model network(Requests.Training request) {
        return SampleNetworks.twoLayerNet(SampleNetworks.Kind.GENERATED, request.activation(), SampleNetworks.GENERATED_HIDDEN);
    }

    /** Turns the trainer's events into the log's and keeps the served model's weights near the trained ones. */
    private final class Publisher implements TrainingListener {
        private final List<Parameter> parameters;
        private final double[] losses = new double[CHUNK];
        private int count;
        private int first;

        Publisher(Model model) {
            this.parameters = model.getParameters();
        }

        @Override
        public void onEvent(TrainingEvent e) {
            if (e.isEvaluation()) {
                flush();
                JsonObject epoch = new JsonObject();
                epoch.addProperty("epoch", e.getEpoch());
                epoch.addProperty("iteration", e.getIteration());
                epoch.addProperty("train_loss", e.getTrainLoss());
                epoch.addProperty("test_loss", e.getTestLoss());
                epoch.addProperty("train_accuracy", e.getTrainAccuracy());
                epoch.addProperty("test_accuracy", e.getTestAccuracy());
                events.append("epoch", epoch);
                return;
            }
            if (count == 0) {
                first = e.getIteration();
            }
            losses[count++] = e.getLoss();
            if (count == CHUNK) {
                flush();
            }
        }

        /**
         * Sends the losses not sent yet, after copying the weights in: a prediction the page asks for on this event
         * sees them. A run that fails does not flush: its last weights may be the ones that diverged.
         */
        private void flush() {
            if (count == 0) {
                return;
            }
            served.copyWeights(parameters);
            JsonObject loss = new JsonObject();
            loss.addProperty("from", first);
            JsonArray values = new JsonArray(count);
            for (int i = 0; i < count; i++) {
                values.add(losses[i]);
            }
            loss.add("losses", values);
            events.append("loss", loss);
            count = 0;
        }
    }
}
