package dev.ductus.spark.train;

import dev.ductus.hybrid.train.FrameLine;
import dev.ductus.hybrid.train.FrameTrainer;
import dev.ductus.nn.io.NetworkFile;
import dev.ductus.nn.layer.Network;
import dev.ductus.nn.layer.Param;
import dev.ductus.nn.loss.FrameCrossEntropy;
import dev.ductus.nn.tensor.Batch;
import dev.ductus.nn.tensor.Tensor;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;
import org.nd4j.linalg.api.buffer.DataType;
import scala.Tuple2;

/**
 * Synchronous data-parallel SGD for the frame-level networks (MLP-HMM, RNN-HMM): the training lines live on the
 * executors; for every batch the driver broadcasts the current weights and the batch's line numbers, each partition
 * computes the gradient of its share of the batch on a replica of the network (the trainer's own
 * {@link FrameTrainer#batchGradient}), the shares are summed weighted by their frame counts ({@code treeReduce}), and
 * the driver's optimizer takes the step. The batches, their order and the update are those of the local trainer, so
 * training on the cluster follows the single-machine run (up to summation order and dropout's random masks).
 */
public final class SparkGradients implements FrameTrainer.GradientSource {
    /**
     * Network replicas on this JVM, per broadcast network (tasks running at once take one each); those of the 2
     * training runs used last are kept (an executor may outlive many runs, and the driver's close only clears its own).
     */
    private static final Map<Long, ConcurrentLinkedQueue<Network>> REPLICAS = java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<>(4, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<Long, ConcurrentLinkedQueue<Network>> eldest) {
                    return size() > 2;
                }
            });

    private final JavaSparkContext sc;
    private final int partitions;

    public SparkGradients(JavaSparkContext sc, int partitions) {
        this.sc = sc;
        this.partitions = partitions;
    }

    /** One step's input: the weights, flat in parameter order, and the numbers of the batch's lines (sorted). */
    record Step(float[] weights, int[] lines) implements Serializable {
    }

    /** A partition's share: the frame-weighted gradient sum, loss sum, frames and errors. */
    record Share(float[] gradient, double loss, long frames, long errors) implements Serializable {
        Share plus(Share o) {
            float[] g = gradient.clone();
            for (int i = 0; i < g.length; i++) g[i] += o.gradient[i];
            return new Share(g, loss + o.loss, frames + o.frames, errors + o.errors);
        }
    }

    @Override
    public FrameTrainer.Gradients open(Network net, List<FrameLine> train) {
        IdentityHashMap<FrameLine, Integer> number = new IdentityHashMap<>();
        List<Tuple2<Integer, FrameLine>> numbered = new ArrayList<>(train.size());
        for (FrameLine l : train) {
            number.put(l, numbered.size());
            numbered.add(new Tuple2<>(numbered.size(), l));
        }
        JavaRDD<Tuple2<Integer, FrameLine>> lines = sc.parallelize(numbered, partitions).persist(StorageLevel.MEMORY_AND_DISK());
        lines.count();
        Broadcast<byte[]> network = sc.broadcast(bytes(net));
        int size = size(net.params());
        return new FrameTrainer.Gradients() {
            @Override
            public FrameCrossEntropy.Result compute(Network n, List<FrameLine> batch) {
                int[] ids = new int[batch.size()];
                for (int i = 0; i < ids.length; i++) {
                    Integer id = number.get(batch.get(i));
                    if (id == null) throw new IllegalArgumentException("a batch line that is not a training line: " + batch.get(i).id());
                    ids[i] = id;
                }
                Arrays.sort(ids);
                Broadcast<Step> step = sc.broadcast(new Step(flatten(n.params(), size, false), ids));
                Share total;
                try {
                    total = lines.mapPartitions((Iterator<Tuple2<Integer, FrameLine>> part) -> share(network, step, part))
                            .treeReduce(Share::plus, 2);
                } finally {
                    step.destroy();
                }
                float[] g = total.gradient();
                float scale = total.frames() == 0 ? 0f : 1f / total.frames();
                for (int i = 0; i < g.length; i++) g[i] *= scale;
                int off = 0;
                for (Param p : n.params()) {
                    p.grad().write(0, g, off, p.size());
                    off += p.size();
                }
                int frames = (int) total.frames();
                return new FrameCrossEntropy.Result(frames == 0 ? 0 : total.loss() / frames, frames, (int) total.errors());
            }

            @Override
            public void close() {
                lines.unpersist(false);
                REPLICAS.remove(network.id());
                network.destroy();
            }
        };
    }

    private static Iterator<Share> share(Broadcast<byte[]> network, Broadcast<Step> step, Iterator<Tuple2<Integer, FrameLine>> part) {
        Step s = step.value();
        List<FrameLine> mine = new ArrayList<>();
        while (part.hasNext()) {
            Tuple2<Integer, FrameLine> t = part.next();
            if (Arrays.binarySearch(s.lines(), t._1()) >= 0) mine.add(t._2());
        }
        if (mine.isEmpty()) return java.util.Collections.emptyIterator();
        ConcurrentLinkedQueue<Network> pool = REPLICAS.computeIfAbsent(network.id(), k -> new ConcurrentLinkedQueue<>());
        Network replica = pool.poll();
        if (replica == null) replica = read(network.value());
        Batch x = new Batch(new Tensor(DataType.FLOAT, 1));
        Batch grad = new Batch(new Tensor(DataType.FLOAT, 1));
        try {
            int off = 0;
            for (Param p : replica.params()) {
                p.value().write(0, s.weights(), off, p.size());
                off += p.size();
            }
            FrameCrossEntropy.Result r = FrameTrainer.batchGradient(replica, mine, new FrameCrossEntropy(), x, grad);
            float[] g = flatten(replica.params(), s.weights().length, true);
            for (int i = 0; i < g.length; i++) g[i] *= r.frames();
            return List.of(new Share(g, r.loss() * r.frames(), r.frames(), r.errors())).iterator();
        } finally {
            x.data().release();
            grad.data().release();
            pool.offer(replica);
        }
    }

    private static int size(List<Param> params) {
        int n = 0;
        for (Param p : params) n += p.size();
        return n;
    }

    /** The parameters' values (or gradients) one after the other. */
    static float[] flatten(List<Param> params, int size, boolean gradients) {
        float[] out = new float[size];
        int off = 0;
        for (Param p : params) {
            (gradients ? p.grad() : p.value()).read(0, out, off, p.size());
            off += p.size();
        }
        return out;
    }

    private static byte[] bytes(Network net) {
        return FileBytes.of(file -> NetworkFile.write(file, Map.of(), net, null));
    }

    private static Network read(byte[] bytes) {
        return FileBytes.read(bytes, file -> NetworkFile.read(file, DataType.FLOAT, null).network());
    }
}
