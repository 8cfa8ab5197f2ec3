package dev.videop2r.training.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class PrefetcherTest {
  private final List<Integer> loaded = new CopyOnWriteArrayList<>();
  private final Set<String> loaderThreads = ConcurrentHashMap.newKeySet();

  private String load(int index) {
    loaded.add(index);
    loaderThreads.add(Thread.currentThread().getName());
    return "item-" + index;
  }

  @Test
  void aPrefetchedStepIsLoadedOnceAndEveryLoadRunsOnTheWorker() {
    try (Prefetcher<String> data = new Prefetcher<>("test-data", this::load)) {
      assertEquals(List.of("item-4", "item-1"), data.take(new int[] {4, 1}, new int[] {3, 0}));
      assertEquals(List.of("item-3", "item-0"), data.take(new int[] {3, 0}, new int[0]));
    }
    assertEquals(List.of(4, 1, 3, 0), loaded);
    assertEquals(Set.of("test-data"), loaderThreads);
    assertNotEquals("test-data", Thread.currentThread().getName());
  }

  @Test
  void aStepThatDiffersFromThePrefetchGetsItsOwnItems() {
    try (Prefetcher<String> data = new Prefetcher<>("test-data", this::load)) {
      data.take(new int[] {0}, new int[] {1, 2});
      assertEquals(List.of("item-2", "item-1"), data.take(new int[] {2, 1}, new int[0]));
    }
  }

  @Test
  void aLoaderErrorReachesTheStepThatTakesTheItemUnchanged() {
    try (Prefetcher<String> data = new Prefetcher<>("test-data", index -> {
      if (index == 7) {
        throw new UncheckedIOException("sample 7: unreadable clip", new IOException("truncated"));
      }
      return "item-" + index;
    })) {
      assertEquals(List.of("item-1"), data.take(new int[] {1}, new int[] {7}));
      UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> data.take(new int[] {7}, new int[0]));
      assertEquals("sample 7: unreadable clip", e.getMessage());
    }
  }
}
