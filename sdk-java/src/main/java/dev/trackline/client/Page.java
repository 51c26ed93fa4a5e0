package dev.trackline.client;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.function.Function;

/**
 * One page of a search, as MLflow's Java client returns them: the items, the token of the next
 * page and {@link #getNextPage()}, which repeats the same search from that token.
 *
 * @param <T> the item type, e.g. {@code Run} or {@code Experiment}
 */
public final class Page<T> {
  private final List<T> items;
  private final String nextPageToken;
  private final Function<String, Page<T>> fetchPage;

  Page(List<T> items, String nextPageToken, Function<String, Page<T>> fetchPage) {
    this.items = items == null ? Collections.emptyList() : Collections.unmodifiableList(items);
    this.nextPageToken = nextPageToken == null || nextPageToken.isEmpty() ? null : nextPageToken;
    this.fetchPage = fetchPage;
  }

  /** The items of this page. */
  public List<T> getItems() {
    return items;
  }

  /** How many items this page holds. */
  public int getPageSize() {
    return items.size();
  }

  /** Whether the server said there are more items. */
  public boolean hasNextPage() {
    return nextPageToken != null;
  }

  /** The token that fetches the next page, if there is one. */
  public Optional<String> getNextPageToken() {
    return Optional.ofNullable(nextPageToken);
  }

  /** Fetches the next page; an empty page when this is the last one. */
  public Page<T> getNextPage() {
    if (nextPageToken == null) {
      return new Page<>(Collections.emptyList(), null, fetchPage);
    }
    return fetchPage.apply(nextPageToken);
  }

  /** Every item of this page and the ones after it, fetched page by page while iterating. */
  public Iterable<T> iterateAll() {
    return () ->
        new Iterator<T>() {
          private Page<T> page = Page.this;
          private Iterator<T> current = page.items.iterator();

          @Override
          public boolean hasNext() {
            while (!current.hasNext() && page.hasNextPage()) {
              page = page.getNextPage();
              current = page.items.iterator();
            }
            return current.hasNext();
          }

          @Override
          public T next() {
            if (!hasNext()) {
              throw new NoSuchElementException();
            }
            return current.next();
          }
        };
  }

  /**
   * The page {@code request} answers for {@code pageToken} (null for the first page); its next
   * page is the same request with the answer's next token.
   */
  static <R, T> Page<T> fetch(
      String pageToken,
      Function<String, R> request,
      Function<R, List<T>> items,
      Function<R, String> nextPageToken) {
    R answer = request.apply(pageToken);
    return new Page<>(
        items.apply(answer),
        nextPageToken.apply(answer),
        token -> fetch(token, request, items, nextPageToken));
  }

  /** Every item of this page and the ones after it, all fetched now. */
  List<T> fetchAll() {
    List<T> all = new ArrayList<>();
    iterateAll().forEach(all::add);
    return all;
  }
}
