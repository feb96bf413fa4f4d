package dev.attache.acl.rules;

import dev.attache.acl.state.GoFormat;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The HCL 1 front end of {@link Hcl}: it checks that the text is well formed and hands hcl4j a canonical form of
 * it. It does not build values; hcl4j does.
 *
 * <p>hcl4j (0.9.4) reads HCL 2 and is loose with HCL 1: it silently skips what it cannot read (an unclosed block, a
 * stray word, a label with no body), refuses two attributes on one line ({@code { policy = "write" intentions =
 * "read" }}, which Consul's own tests write), evaluates {@code ${...}} and function calls inside strings, misreads
 * {@code 1e3} and {@code 0x10}, and knows no {@code \\u} escapes. So this class walks the HCL 1 token structure,
 * reports the first problem as HCL does ({@code At 3:7: ...}), optionally refuses an attribute set twice in one
 * body (Consul's {@code DecodeErrorOnDuplicates} message), and re-emits the same items one per line, with strings
 * re-escaped in the subset hcl4j reads, {@code ${} hidden behind a placeholder ({@link #PLACEHOLDER}) and numbers
 * in plain decimal. The structure it accepts:
 *
 * <pre>
 *   body  := (item [","])*
 *   item  := key ( "=" value | key* "{" body "}" )
 *   key   := identifier | string
 *   value := string | heredoc | number | true | false | "[" [value ("," value)* [","]] "]" | "{" body "}"
 * </pre>
 *
 * Comments ({@code #}, {@code //}, {@code /* *}{@code /}) are skipped.
 */
final class HclShape {
    /** Stands for {@code $} before {@code {} in strings handed to hcl4j; {@link Hcl} puts the {@code $} back. */
    static final char PLACEHOLDER = '\uE000';

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");
    private static final Pattern DECIMAL = Pattern.compile("-?[0-9]+(\\.[0-9]+)?([eE][+-]?[0-9]+)?");
    private static final Pattern HEX = Pattern.compile("-?0[xX][0-9a-fA-F]+");

    private final String src;
    private final boolean rejectDuplicates;
    private final StringBuilder out = new StringBuilder();
    private boolean placeholders;
    private int pos;
    private int line = 1;
    private int col = 1;
    private Token token;

    private enum Kind { IDENT, STRING, HEREDOC, NUMBER, ASSIGN, LBRACE, RBRACE, LBRACK, RBRACK, COMMA, EOF }

    /** A token; {@code value} is a string's or heredoc's decoded text, else the token's text. */
    private record Token(Kind kind, String text, String value, int line, int col) {
        String describe() {
            return kind == Kind.EOF ? "end of input" : kind.name() + " " + text;
        }
    }

    /** The text for hcl4j, and whether it carries {@link #PLACEHOLDER}s to undo. */
    record Canonical(String text, boolean placeholders) {
    }

    private HclShape(String src, boolean rejectDuplicates) {
        this.src = src;
        this.rejectDuplicates = rejectDuplicates;
    }

    /**
     * Checks {@code src} and returns its canonical form.
     *
     * @param rejectDuplicates refuse an attribute set twice in one body, as Consul's policy decoder does
     * @throws IllegalArgumentException with HCL's {@code At line:col: reason} text (or Consul's duplicate text)
     */
    static Canonical canonical(String src, boolean rejectDuplicates) {
        HclShape s = new HclShape(src, rejectDuplicates);
        s.advance();
        s.body(Kind.EOF);
        return new Canonical(s.out.toString(), s.placeholders);
    }

    // ---- structure ----

    private void body(Kind end) {
        Set<String> seen = rejectDuplicates ? new HashSet<>() : null;
        while (token.kind != end) {
            if (token.kind == Kind.EOF) {
                throw error(token, "expected '}' but found end of input");
            }
            item(seen);
            if (token.kind == Kind.COMMA) {
                advance();
            }
        }
        advance();
    }

    private void item(Set<String> seen) {
        if (token.kind != Kind.IDENT && token.kind != Kind.STRING) {
            throw error(token, "expected a key, found " + token.describe());
        }
        Token key = token;
        advance();
        if (token.kind == Kind.ASSIGN) {
            if (seen != null && !seen.add(key.value())) {
                throw new IllegalArgumentException("The argument " + goQuote(key.value()) + " at " + key.line() + ":"
                        + key.col() + " was already set. Each argument can only be defined once");
            }
            out.append(quoted(key.value())).append(" = ");
            advance();
            value();
            out.append('\n');
            return;
        }
        out.append(blockType(key));
        while (token.kind == Kind.IDENT || token.kind == Kind.STRING) {
            out.append(' ').append(quoted(token.value()));
            advance();
        }
        if (token.kind != Kind.LBRACE) {
            throw error(token, "key '" + key.text() + "' expected start of object ('{') or assignment ('='), found "
                    + token.describe());
        }
        out.append(" {\n");
        advance();
        body(Kind.RBRACE);
        out.append("}\n");
    }

    private void value() {
        Token t = token;
        switch (t.kind()) {
            case STRING, HEREDOC -> {
                out.append(quoted(t.value()));
                advance();
            }
            case NUMBER -> {
                out.append(number(t));
                advance();
            }
            case IDENT -> {
                if (!t.text().equals("true") && !t.text().equals("false")) {
                    throw error(t, "Unknown token: " + t.line() + ":" + t.col() + " IDENT " + t.text());
                }
                out.append(t.text());
                advance();
            }
            case LBRACE -> {
                out.append("{\n");
                advance();
                body(Kind.RBRACE);
                out.append('}');
            }
            case LBRACK -> {
                out.append('[');
                advance();
                boolean first = true;
                while (token.kind != Kind.RBRACK) {
                    if (!first) {
                        out.append(", ");
                    }
                    first = false;
                    value();
                    if (token.kind == Kind.COMMA) {
                        advance();
                    } else if (token.kind != Kind.RBRACK) {
                        throw error(token, "expected ',' or ']' in a list, found " + token.describe());
                    }
                }
                out.append(']');
                advance();
            }
            default -> throw error(t, "expected a value, found " + t.describe());
        }
    }

    /** A block's first key: hcl4j reads only a bare identifier there. */
    private String blockType(Token key) {
        return IDENTIFIER.matcher(key.value()).matches() ? key.value() : quoted(key.value());
    }

    /** A string literal in the escapes hcl4j reads, with {@code ${} hidden. */
    private String quoted(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                case '\r' -> b.append("\\r");
                case '$' -> {
                    if (i + 1 < s.length() && s.charAt(i + 1) == '{') {
                        b.append(PLACEHOLDER);
                        placeholders = true;
                    } else {
                        b.append(c);
                    }
                }
                default -> b.append(c);
            }
        }
        return b.append('"').toString();
    }

    private String number(Token t) {
        String s = t.text();
        try {
            if (HEX.matcher(s).matches()) {
                boolean negative = s.startsWith("-");
                BigInteger v = new BigInteger(s.substring(negative ? 3 : 2), 16);
                return (negative ? v.negate() : v).toString();
            }
            if (DECIMAL.matcher(s).matches()) {
                return new BigDecimal(s).toPlainString();
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw error(t, "illegal number " + s);
    }

    // ---- tokens ----

    private void advance() {
        skipSpaceAndComments();
        int l = line;
        int c = col;
        if (pos >= src.length()) {
            token = new Token(Kind.EOF, "", "", l, c);
            return;
        }
        char ch = src.charAt(pos);
        switch (ch) {
            case '=' -> single(Kind.ASSIGN, l, c);
            case '{' -> single(Kind.LBRACE, l, c);
            case '}' -> single(Kind.RBRACE, l, c);
            case '[' -> single(Kind.LBRACK, l, c);
            case ']' -> single(Kind.RBRACK, l, c);
            case ',' -> single(Kind.COMMA, l, c);
            case '"' -> string(l, c);
            case '<' -> heredoc(l, c);
            default -> {
                if (Character.isLetter(ch) || ch == '_') {
                    String text = run(true);
                    token = new Token(Kind.IDENT, text, text, l, c);
                } else if (Character.isDigit(ch) || ch == '-' || ch == '.') {
                    String text = run(false);
                    token = new Token(Kind.NUMBER, text, text, l, c);
                } else {
                    throw error(l, c, "illegal char " + quoteChar(ch));
                }
            }
        }
    }

    private void single(Kind kind, int l, int c) {
        String text = String.valueOf(src.charAt(pos));
        token = new Token(kind, text, text, l, c);
        step();
    }

    private String run(boolean ident) {
        int start = pos;
        while (pos < src.length()) {
            char ch = src.charAt(pos);
            boolean ok = ident
                    ? Character.isLetterOrDigit(ch) || ch == '_' || ch == '-' || ch == '.'
                    : Character.isLetterOrDigit(ch) || ch == '.' || ch == '-' || ch == '+';
            if (!ok) {
                break;
            }
            step();
        }
        return src.substring(start, pos);
    }

    /** A quoted string, decoded with Go's escapes as HCL 1's scanner accepts them. */
    private void string(int l, int c) {
        int start = pos;
        StringBuilder value = new StringBuilder();
        step();
        while (pos < src.length()) {
            char ch = src.charAt(pos);
            if (ch == '\n') {
                throw error(l, c, "literal not terminated");
            }
            if (ch == '"') {
                step();
                token = new Token(Kind.STRING, src.substring(start, pos), value.toString(), l, c);
                return;
            }
            if (ch == '\\') {
                escape(value);
                continue;
            }
            value.append(ch);
            step();
        }
        throw error(l, c, "literal not terminated");
    }

    private void escape(StringBuilder value) {
        int l = line;
        int c = col;
        step();
        if (pos >= src.length()) {
            throw error(l, c, "literal not terminated");
        }
        char e = src.charAt(pos);
        step();
        switch (e) {
            case 'a' -> value.append('\u0007');
            case 'b' -> value.append('\b');
            case 'f' -> value.append('\f');
            case 'n' -> value.append('\n');
            case 'r' -> value.append('\r');
            case 't' -> value.append('\t');
            case 'v' -> value.append('\u000B');
            case '\\' -> value.append('\\');
            case '"' -> value.append('"');
            case 'x' -> value.appendCodePoint(hexDigits(2, l, c));
            case 'u' -> value.appendCodePoint(hexDigits(4, l, c));
            case 'U' -> value.appendCodePoint(hexDigits(8, l, c));
            default -> {
                if (e >= '0' && e <= '7') {
                    int v = e - '0';
                    for (int i = 0; i < 2; i++) {
                        if (pos >= src.length() || src.charAt(pos) < '0' || src.charAt(pos) > '7') {
                            throw error(l, c, "illegal char escape");
                        }
                        v = v * 8 + (src.charAt(pos) - '0');
                        step();
                    }
                    value.append((char) v);
                } else {
                    throw error(l, c, "illegal char escape");
                }
            }
        }
    }

    private int hexDigits(int n, int l, int c) {
        if (pos + n > src.length()) {
            throw error(l, c, "illegal char escape");
        }
        try {
            int v = Integer.parseUnsignedInt(src.substring(pos, pos + n), 16);
            if (!Character.isValidCodePoint(v)) {
                throw error(l, c, "escape sequence is invalid Unicode code point");
            }
            for (int i = 0; i < n; i++) {
                step();
            }
            return v;
        } catch (NumberFormatException e) {
            throw error(l, c, "illegal char escape");
        }
    }

    /** {@code <<EOF} ... {@code EOF}, or {@code <<-EOF} with the closing anchor's indentation removed. */
    private void heredoc(int l, int c) {
        if (!src.startsWith("<<", pos)) {
            throw error(l, c, "illegal char '<'");
        }
        int start = pos;
        int eol = src.indexOf('\n', pos);
        if (eol < 0) {
            throw error(l, c, "heredoc not terminated");
        }
        String anchor = src.substring(pos + 2, eol).strip();
        boolean indented = anchor.startsWith("-");
        if (indented) {
            anchor = anchor.substring(1);
        }
        if (anchor.isEmpty()) {
            throw error(l, c, "zero-length heredoc anchor");
        }
        while (pos <= eol) {
            step();
        }
        StringBuilder value = new StringBuilder();
        String closingIndent = null;
        List<String> lines = new ArrayList<>();
        while (pos < src.length()) {
            int end = src.indexOf('\n', pos);
            String text = end < 0 ? src.substring(pos) : src.substring(pos, end);
            int stop = end < 0 ? src.length() : end;
            while (pos < stop) {
                step();
            }
            String body = text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
            if ((indented ? body.strip() : body).equals(anchor)) {
                closingIndent = body.substring(0, body.indexOf(anchor));
                break;
            }
            lines.add(body);
            if (end >= 0) {
                step();
            }
        }
        if (closingIndent == null) {
            throw error(l, c, "heredoc not terminated");
        }
        String prefix = closingIndent;
        boolean unindent = indented && lines.stream().allMatch(s -> s.startsWith(prefix));
        for (String s : lines) {
            value.append(unindent ? s.substring(prefix.length()) : s).append('\n');
        }
        token = new Token(Kind.HEREDOC, src.substring(start, pos), value.toString(), l, c);
    }

    private void skipSpaceAndComments() {
        while (pos < src.length()) {
            char ch = src.charAt(pos);
            if (Character.isWhitespace(ch)) {
                step();
            } else if (ch == '#' || src.startsWith("//", pos)) {
                while (pos < src.length() && src.charAt(pos) != '\n') {
                    step();
                }
            } else if (src.startsWith("/*", pos)) {
                int l = line;
                int c = col;
                int end = src.indexOf("*/", pos + 2);
                if (end < 0) {
                    throw error(l, c, "comment not terminated");
                }
                while (pos < end + 2) {
                    step();
                }
            } else {
                return;
            }
        }
    }

    private void step() {
        if (src.charAt(pos) == '\n') {
            line++;
            col = 1;
        } else {
            col++;
        }
        pos++;
    }

    private static String quoteChar(char ch) {
        return ch < 0x20 ? String.format("U+%04X", (int) ch) : "'" + ch + "'";
    }

    /** Go's {@code %q} for the duplicate-attribute message (keys are plain in practice). */
    private static String goQuote(String s) {
        return GoFormat.quote(s);
    }

    private static IllegalArgumentException error(Token at, String reason) {
        return error(at.line(), at.col(), reason);
    }

    private static IllegalArgumentException error(int l, int c, String reason) {
        return new IllegalArgumentException("At " + l + ":" + c + ": " + reason);
    }
}
