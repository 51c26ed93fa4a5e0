package dev.trackline.client;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads UTF-8 JSON and gives it back as ASCII: every non-ASCII character becomes a {@code \\uXXXX}
 * escape (two for characters outside the Basic Multilingual Plane). In JSON such characters can
 * only occur inside strings, where the escape means the same character, so the document is
 * unchanged for any JSON reader while surviving a decoder that uses an ASCII-compatible charset.
 */
final class JsonAsciiInputStream extends InputStream {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private final InputStream in;
  private final byte[] pending = new byte[12];
  private int pendingPos;
  private int pendingLen;
  private int unread = -2; // a byte read too far while decoding, or -2 for none

  JsonAsciiInputStream(InputStream in) {
    this.in = in;
  }

  @Override
  public int read() throws IOException {
    if (pendingPos < pendingLen) {
      return pending[pendingPos++];
    }
    int b = next();
    if (b < 0x80) {
      return b; // ASCII, or -1 at the end
    }
    int codePoint = decode(b);
    pendingPos = 0;
    pendingLen = 0;
    if (codePoint >= 0x10000) {
      escape(Character.highSurrogate(codePoint));
      escape(Character.lowSurrogate(codePoint));
    } else {
      escape((char) codePoint);
    }
    return pending[pendingPos++];
  }

  @Override
  public int read(byte[] buf, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    int n = 0;
    while (n < len) {
      if (n > 0 && pendingPos >= pendingLen && unread == -2 && in.available() <= 0) {
        break;
      }
      int c = read();
      if (c < 0) {
        return n == 0 ? -1 : n;
      }
      buf[off + n++] = (byte) c;
    }
    return n;
  }

  /** Decodes the rest of a UTF-8 sequence whose first byte is {@code lead}. */
  private int decode(int lead) throws IOException {
    int extra;
    int value;
    if ((lead & 0xE0) == 0xC0) {
      extra = 1;
      value = lead & 0x1F;
    } else if ((lead & 0xF0) == 0xE0) {
      extra = 2;
      value = lead & 0x0F;
    } else if ((lead & 0xF8) == 0xF0) {
      extra = 3;
      value = lead & 0x07;
    } else {
      return 0xFFFD;
    }
    for (int i = 0; i < extra; i++) {
      int next = next();
      if (next < 0 || (next & 0xC0) != 0x80) {
        unread = next; // not a continuation byte: it starts the next character
        return 0xFFFD;
      }
      value = (value << 6) | (next & 0x3F);
    }
    return value > 0x10FFFF ? 0xFFFD : value;
  }

  private int next() throws IOException {
    if (unread != -2) {
      int b = unread;
      unread = -2;
      return b;
    }
    return in.read();
  }

  private void escape(char c) {
    pending[pendingLen++] = '\\';
    pending[pendingLen++] = 'u';
    pending[pendingLen++] = (byte) HEX[(c >> 12) & 0xF];
    pending[pendingLen++] = (byte) HEX[(c >> 8) & 0xF];
    pending[pendingLen++] = (byte) HEX[(c >> 4) & 0xF];
    pending[pendingLen++] = (byte) HEX[c & 0xF];
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
