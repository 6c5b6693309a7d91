package io.weft.patterns;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weft.spi.Pipe;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PipeTrieTest {
    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** A pipe that is only an identity (the trie never calls it). */
    private static Pipe pipe(String name) {
        return (Pipe) Proxy.newProxyInstance(Pipe.class.getClassLoader(), new Class<?>[] {Pipe.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("toString")) {
                        return name;
                    }
                    if (method.getName().equals("hashCode")) {
                        return System.identityHashCode(proxy);
                    }
                    if (method.getName().equals("equals")) {
                        return proxy == args[0];
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    private static boolean add(PipeTrie t, String topic, Pipe p) {
        byte[] body = b(topic);
        return t.add(body, 0, body.length, p);
    }

    private static PipeTrie.Removal remove(PipeTrie t, String topic, Pipe p) {
        byte[] body = b(topic);
        return t.remove(body, 0, body.length, p);
    }

    private static List<Pipe> match(PipeTrie t, String data) {
        List<Pipe> out = new ArrayList<>();
        t.match(b(data), out::add);
        return out;
    }

    @Test
    void addSaysWhetherTheTopicIsNew() {
        PipeTrie t = new PipeTrie();
        Pipe p1 = pipe("p1");
        Pipe p2 = pipe("p2");
        assertTrue(add(t, "A", p1));
        assertFalse(add(t, "A", p2));
        assertFalse(add(t, "A", p1), "same pipe again: still one set");
        assertEquals(List.of(p1, p2), match(t, "A"));
    }

    @Test
    void matchVisitsThePipesOfEveryPrefixOfTheMessage() {
        PipeTrie t = new PipeTrie();
        Pipe all = pipe("all");
        Pipe a = pipe("a");
        Pipe ab = pipe("ab");
        Pipe b = pipe("b");
        add(t, "", all);
        add(t, "A", a);
        add(t, "AB", ab);
        add(t, "B", b);
        assertEquals(List.of(all, a, ab), match(t, "ABC"));
        assertEquals(List.of(all, a), match(t, "AC"));
        assertEquals(List.of(all), match(t, ""));
        assertEquals(List.of(all, b), match(t, "B"));
    }

    @Test
    void removeReportsWhatIsLeft() {
        PipeTrie t = new PipeTrie();
        Pipe p1 = pipe("p1");
        Pipe p2 = pipe("p2");
        add(t, "A", p1);
        add(t, "A", p2);
        assertEquals(PipeTrie.Removal.NOT_FOUND, remove(t, "B", p1));
        assertEquals(PipeTrie.Removal.NOT_FOUND, remove(t, "", p1));
        assertEquals(PipeTrie.Removal.VALUES_REMAIN, remove(t, "A", p1));
        assertEquals(PipeTrie.Removal.NOT_FOUND, remove(t, "A", p1));
        assertEquals(PipeTrie.Removal.LAST_REMOVED, remove(t, "A", p2));
        assertTrue(t.isEmpty());
        assertEquals(List.of(), match(t, "A"));
    }

    @Test
    void removePipeDropsAllItsTopicsAndReportsWhichWereItsAlone() {
        PipeTrie t = new PipeTrie();
        Pipe gone = pipe("gone");
        Pipe stays = pipe("stays");
        add(t, "A", gone);
        add(t, "AB", gone);
        add(t, "AB", stays);
        add(t, "C", gone);
        add(t, "D", stays);
        List<String> reported = new ArrayList<>();
        t.removePipe(gone, (topic, last) -> reported.add(new String(topic, StandardCharsets.UTF_8) + ":" + last));
        assertEquals(List.of("A:true", "AB:false", "C:true"), reported);
        assertEquals(List.of(stays), match(t, "ABX"));
        assertEquals(List.of(), match(t, "C"));
        List<String> left = new ArrayList<>();
        t.forEach((topic, count) -> left.add(new String(topic, StandardCharsets.UTF_8) + "=" + count));
        assertEquals(List.of("AB=1", "D=1"), left);
        t.removePipe(stays, null);
        assertTrue(t.isEmpty());
    }

    @Test
    void emptyTopicIsReportedAsAnEmptyPrefix() {
        PipeTrie t = new PipeTrie();
        Pipe p = pipe("p");
        add(t, "", p);
        List<byte[]> reported = new ArrayList<>();
        t.removePipe(p, (topic, last) -> reported.add(topic));
        assertEquals(1, reported.size());
        assertArrayEquals(new byte[0], reported.get(0));
        assertTrue(t.isEmpty());
    }

    @Test
    void manyPipesOnOneTopic() {
        PipeTrie t = new PipeTrie();
        List<Pipe> pipes = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            Pipe p = pipe("p" + i);
            pipes.add(p);
            assertEquals(i == 0, add(t, "T", p));
        }
        assertEquals(100, match(t, "T1").size());
        for (int i = 0; i < 99; i++) {
            assertEquals(PipeTrie.Removal.VALUES_REMAIN, remove(t, "T", pipes.get(i)));
        }
        assertEquals(List.of(pipes.get(99)), match(t, "T"));
        assertEquals(PipeTrie.Removal.LAST_REMOVED, remove(t, "T", pipes.get(99)));
        assertTrue(t.isEmpty());
    }
}
