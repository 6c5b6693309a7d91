package io.weft.patterns;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SubscriptionTrieTest {
    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void emptyTrieMatchesNothing() {
        SubscriptionTrie t = new SubscriptionTrie();
        assertFalse(t.matches(b("")));
        assertFalse(t.matches(b("anything")));
        assertTrue(t.isEmpty());
    }

    @Test
    void emptyPrefixMatchesEveryMessageIncludingAnEmptyOne() {
        SubscriptionTrie t = new SubscriptionTrie();
        assertTrue(t.add(b("")));
        assertTrue(t.matches(b("")));
        assertTrue(t.matches(b("x")));
        assertTrue(t.matches(new byte[] {0, (byte) 0xff}));
    }

    @Test
    void aPrefixMatchesTheMessagesThatStartWithIt() {
        SubscriptionTrie t = new SubscriptionTrie();
        t.add(b("AB"));
        assertTrue(t.matches(b("AB")));
        assertTrue(t.matches(b("ABC")));
        assertFalse(t.matches(b("A")));
        assertFalse(t.matches(b("B")));
        assertFalse(t.matches(b("")));
        assertFalse(t.matches(b("AC")));
    }

    @Test
    void bytesAboveSevenBitsAreComparedAsTheyAre() {
        SubscriptionTrie t = new SubscriptionTrie();
        t.add(new byte[] {(byte) 0x80, (byte) 0xff});
        t.add(new byte[] {0x7f});
        assertTrue(t.matches(new byte[] {(byte) 0x80, (byte) 0xff, 1}));
        assertFalse(t.matches(new byte[] {(byte) 0x80, (byte) 0xfe}));
        assertTrue(t.matches(new byte[] {0x7f, 0}));
        assertFalse(t.matches(new byte[] {(byte) 0x81}));
    }

    @Test
    void identicalSubscriptionsAreReferenceCounted() {
        SubscriptionTrie t = new SubscriptionTrie();
        assertTrue(t.add(b("A")), "first reference is new");
        assertFalse(t.add(b("A")), "second reference is not");
        assertFalse(t.remove(b("A")), "one reference remains");
        assertTrue(t.matches(b("A1")));
        assertTrue(t.remove(b("A")), "last reference goes");
        assertFalse(t.matches(b("A1")));
        assertTrue(t.isEmpty());
    }

    @Test
    void removingWhatWasNeverAddedChangesNothing() {
        SubscriptionTrie t = new SubscriptionTrie();
        t.add(b("AB"));
        assertFalse(t.remove(b("A")), "an inner node is no subscription");
        assertFalse(t.remove(b("ABC")));
        assertFalse(t.remove(b("")));
        assertTrue(t.matches(b("AB")));
        assertEquals(1, t.size());
    }

    @Test
    void removingALongerPrefixKeepsTheShorterOne() {
        SubscriptionTrie t = new SubscriptionTrie();
        t.add(b("A"));
        t.add(b("ABC"));
        assertTrue(t.remove(b("ABC")));
        assertTrue(t.matches(b("AX")));
        assertTrue(t.remove(b("A")));
        assertFalse(t.matches(b("ABC")));
        assertTrue(t.isEmpty());
    }

    @Test
    void prefixesCanBeGivenAsASliceOfABuffer() {
        SubscriptionTrie t = new SubscriptionTrie();
        byte[] msg = {1, 'T', 'O', 'P'};
        assertTrue(t.add(msg, 1, 3));
        assertTrue(t.matches(b("TOPIC")));
        assertTrue(t.remove(new byte[] {0, 'T', 'O', 'P'}, 1, 3));
        assertTrue(t.isEmpty());
    }

    @Test
    void forEachListsEachPrefixOnceInByteOrder() {
        SubscriptionTrie t = new SubscriptionTrie();
        t.add(b("B"));
        t.add(b("A"));
        t.add(b("A"));
        t.add(b("AB"));
        t.add(b(""));
        t.add(new byte[] {(byte) 0xC3});
        List<byte[]> seen = new ArrayList<>();
        t.forEach(seen::add);
        assertEquals(5, seen.size());
        assertArrayEquals(b(""), seen.get(0));
        assertArrayEquals(b("A"), seen.get(1));
        assertArrayEquals(b("AB"), seen.get(2));
        assertArrayEquals(b("B"), seen.get(3));
        assertArrayEquals(new byte[] {(byte) 0xC3}, seen.get(4));
    }

    @Test
    void veryLongPrefixesNeedNoRecursion() {
        SubscriptionTrie t = new SubscriptionTrie();
        byte[] topic = new byte[200_000];
        Arrays.fill(topic, (byte) 'x');
        t.add(topic);
        byte[] msg = Arrays.copyOf(topic, topic.length + 1);
        assertTrue(t.matches(msg));
        assertFalse(t.matches(Arrays.copyOf(topic, topic.length - 1)));
        List<byte[]> seen = new ArrayList<>();
        t.forEach(seen::add);
        assertArrayEquals(topic, seen.get(0));
        assertTrue(t.remove(topic));
        assertTrue(t.isEmpty());
    }

    @Test
    void manyPrefixesComeAndGo() {
        SubscriptionTrie t = new SubscriptionTrie();
        for (int i = 0; i < 1000; i++) {
            assertTrue(t.add(b("topic/" + i)));
        }
        assertEquals(1000, t.size());
        assertTrue(t.matches(b("topic/999/x")));
        assertFalse(t.matches(b("topic/")));
        for (int i = 0; i < 1000; i++) {
            assertTrue(t.remove(b("topic/" + i)));
        }
        assertTrue(t.isEmpty());
        assertFalse(t.matches(b("topic/1")));
    }
}
