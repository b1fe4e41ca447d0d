package dev.monitordash.core.rollup;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertThrows;

/** The checksum is seeded with each type's tag: a BLOB read with the wrong type's decode is refused. */
class BlobFormatTest {

    @Test
    void bytesOfAnotherRollupTypeAreRefused() {
        DurationSketch sketch = new DurationSketch();
        sketch.add(1_000);
        HourSlots slots = new HourSlots();
        slots.add(3, 1_000);
        StatusCounts status = new StatusCounts();
        status.add(200);
        Reservoir reservoir = new Reservoir(10);
        reservoir.offer(1_000, 0, new java.util.SplittableRandom(1));
        List<byte[]> blobs = List.of(sketch.encode(), slots.encode(), status.encode(), reservoir.encode());
        List<Function<byte[], Object>> decoders = List.of(DurationSketch::decode, HourSlots::decode,
                StatusCounts::decode, b -> Reservoir.decode(b, 10));
        for (int blob = 0; blob < blobs.size(); blob++) {
            for (int decoder = 0; decoder < decoders.size(); decoder++) {
                if (blob != decoder) {
                    byte[] bytes = blobs.get(blob);
                    Function<byte[], Object> decode = decoders.get(decoder);
                    assertThrows(RollupFormatException.class, () -> decode.apply(bytes),
                            "blob " + blob + " read by decoder " + decoder);
                }
            }
        }
    }
}
