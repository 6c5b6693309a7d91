package io.weft.internal.pipe;

import static org.junit.jupiter.api.Assertions.*;

import io.weft.Msg;
import io.weft.internal.Mailbox;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pipe protocol on one thread: commands are run by hand, so every interleaving is explicit. */
class PipeEndTest {
    /** Records what a pipe tells its owner. */
    static final class Recorder implements PipeOwner {
        final Mailbox mailbox = new Mailbox(() -> { });
        final List<String> events = new ArrayList<>();

        @Override
        public Mailbox mailbox() {
            return mailbox;
        }

        @Override
        public void pipeReadActivated(PipeEnd pipe) {
            events.add("read");
        }

        @Override
        public void pipeWriteActivated(PipeEnd pipe) {
            events.add("write");
        }

        @Override
        public void pipeTerminated(PipeEnd pipe) {
            events.add("terminated");
        }

        List<String> run() {
            mailbox.processAll();
            List<String> copy = new ArrayList<>(events);
            events.clear();
            return copy;
        }
    }

    private final Recorder a = new Recorder();
    private final Recorder b = new Recorder();
    private final PipeEnd[] ends = PipeEnd.pair(2, 2);
    private final PipeEnd ea = ends[0];
    private final PipeEnd eb = ends[1];
    private final Msg msg = new Msg();

    PipeEndTest() {
        ea.owner(a);
        eb.owner(b);
    }

    private void send(PipeEnd e, String s) {
        assertTrue(e.write(new Msg(s)));
        e.flush();
    }

    @Test
    void readerIsActivatedExactlyOnceAfterFindingThePipeEmpty() {
        assertFalse(eb.read(msg));
        send(ea, "x");
        send(ea, "y");
        assertEquals(List.of("read"), b.run());
        assertTrue(eb.read(msg));
        assertEquals("x", msg.text());
    }

    @Test
    void inactivePipeIsNotReadBeforeItsActivation() {
        assertFalse(eb.read(msg));
        send(ea, "x");
        assertFalse(eb.read(msg), "the activation has not been processed yet");
        b.run();
        assertTrue(eb.read(msg));
    }

    @Test
    void writerBlockedAtHwmIsActivatedWhenTheReaderDrains() {
        send(ea, "1");
        send(ea, "2");
        assertFalse(ea.write(new Msg("3")), "HWM of 2 reached");
        assertFalse(ea.write(new Msg("3")), "stays refused until activated");
        b.run();
        assertTrue(eb.read(msg));
        assertTrue(eb.read(msg));
        assertEquals(List.of("write"), a.run(), "exactly one activation");
        assertTrue(ea.write(new Msg("3")));
    }

    @Test
    void peerDrainsQueuedMessagesBeforeTerminatingWhenClosedWithDelay() {
        send(ea, "last words");
        ea.terminate(true);
        assertTrue(b.run().isEmpty(), "messages are still queued: not terminated yet");
        assertTrue(eb.read(msg));
        assertEquals("last words", msg.text());
        assertFalse(eb.read(msg));
        assertEquals(List.of("terminated"), b.run());
    }

    @Test
    void peerDropsQueuedMessagesWhenClosedWithoutDelay() {
        send(ea, "dropped");
        ea.terminate(false);
        assertEquals(List.of("terminated"), b.run());
        assertFalse(eb.read(msg));
    }

    @Test
    void unfinishedMultipartIsNeverDeliveredWhenTheWriterCloses() {
        assertTrue(ea.write(new Msg("head").more(true)));
        ea.flush();
        ea.terminate(true);
        b.run();
        assertFalse(eb.read(msg), "half a message must not be seen");
    }

    @Test
    void writesToAClosedPeerAreRefused() {
        ea.terminate(false);
        b.run();
        assertFalse(eb.write(new Msg("into the void")));
    }

    @Test
    void combinedHwmIsTheSumUnlessEitherIsUnlimited() {
        assertEquals(2000, PipeEnd.combinedHwm(1000, 1000));
        assertEquals(0, PipeEnd.combinedHwm(0, 1000));
        assertEquals(0, PipeEnd.combinedHwm(1000, 0));
    }

    @Test
    void aReaderInMidMessageFinishesTheMessageWhenThePeerClosesWithoutDelay() {
        assertTrue(ea.write(new Msg("head").more(true)));
        assertTrue(ea.write(new Msg("tail")));
        ea.flush();
        send(ea, "next message");
        b.run();
        assertTrue(eb.read(msg));
        assertEquals("head", msg.text());
        ea.terminate(false);
        assertTrue(b.run().isEmpty(), "not terminated in mid-message");
        assertTrue(eb.read(msg));
        assertEquals("tail", msg.text());
        assertFalse(eb.read(msg), "the next message is dropped (LINGER 0)");
        assertEquals(List.of("terminated"), b.run());
    }
}
