package dev.attache.acl.rules;

/**
 * A well-formedness gate in front of hcl4j. hcl4j builds the value map, but it silently skips what it cannot read
 * (an unclosed block, a stray word, a label with no body), so a broken policy would be stored as an empty one.
 * This checks the token structure of the HCL 1 subset that rules use and reports the first problem as HCL does
 * ({@code At 3:7: ...}):
 *
 * <pre>
 *   body  := (item [","])*
 *   item  := key ( "=" value | key* "{" body "}" )
 *   key   := identifier | string
 *   value := string | number | true | false | identifier | "[" [value ("," value)* [","]] "]" | "{" body "}"
 * </pre>
 *
 * Comments ({@code #}, {@code //}, {@code /* *}{@code /}) and heredocs are skipped; strings keep their escapes.
 */
final class HclShape {
    private final String src;
    private int pos;
    private int line = 1;
    private int col = 1;
    private Token token;

    private enum Kind { IDENT, STRING, NUMBER, ASSIGN, LBRACE, RBRACE, LBRACK, RBRACK, COMMA, EOF }

    private record Token(Kind kind, String text, int line, int col) {
        String describe() {
            return kind == Kind.EOF ? "end of input" : kind.name() + " " + text;
        }
    }

    private HclShape(String src) {
        this.src = src;
    }

    /** Throws {@link IllegalArgumentException} with HCL's {@code At line:col: reason} text on the first problem. */
    static void check(String src) {
        HclShape s = new HclShape(src);
        s.advance();
        s.body(Kind.EOF);
    }

    private void body(Kind end) {
        while (token.kind != end) {
            if (token.kind == Kind.EOF) {
                throw error(token, "expected '}' but found end of input");
            }
            item();
            if (token.kind == Kind.COMMA) {
                advance();
            }
        }
        advance();
    }

    private void item() {
        if (token.kind != Kind.IDENT && token.kind != Kind.STRING) {
            throw error(token, "expected a key, found " + token.describe());
        }
        Token key = token;
        advance();
        if (token.kind == Kind.ASSIGN) {
            advance();
            value();
            return;
        }
        while (token.kind == Kind.IDENT || token.kind == Kind.STRING) {
            advance();
        }
        if (token.kind != Kind.LBRACE) {
            throw error(token, "key '" + key.text + "' expected start of object ('{') or assignment ('='), found "
                    + token.describe());
        }
        advance();
        body(Kind.RBRACE);
    }

    private void value() {
        switch (token.kind) {
            case STRING, NUMBER, IDENT -> advance();
            case LBRACE -> {
                advance();
                body(Kind.RBRACE);
            }
            case LBRACK -> {
                advance();
                while (token.kind != Kind.RBRACK) {
                    value();
                    if (token.kind == Kind.COMMA) {
                        advance();
                    } else if (token.kind != Kind.RBRACK) {
                        throw error(token, "expected ',' or ']' in a list, found " + token.describe());
                    }
                }
                advance();
            }
            default -> throw error(token, "expected a value, found " + token.describe());
        }
    }

    // ---- tokens ----

    private void advance() {
        skipSpaceAndComments();
        int l = line;
        int c = col;
        if (pos >= src.length()) {
            token = new Token(Kind.EOF, "", l, c);
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
            case '"' -> token = new Token(Kind.STRING, string(l, c), l, c);
            case '<' -> token = new Token(Kind.STRING, heredoc(l, c), l, c);
            default -> {
                if (Character.isLetter(ch) || ch == '_') {
                    token = new Token(Kind.IDENT, run(l, c, true), l, c);
                } else if (Character.isDigit(ch) || ch == '-' || ch == '.') {
                    token = new Token(Kind.NUMBER, run(l, c, false), l, c);
                } else {
                    throw error(new Token(Kind.EOF, "", l, c), "illegal char " + quoteChar(ch));
                }
            }
        }
    }

    private void single(Kind kind, int l, int c) {
        token = new Token(kind, String.valueOf(src.charAt(pos)), l, c);
        step();
    }

    private String run(int l, int c, boolean ident) {
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

    private String string(int l, int c) {
        int start = pos;
        step();
        while (pos < src.length()) {
            char ch = src.charAt(pos);
            if (ch == '\\') {
                step();
                if (pos < src.length()) {
                    step();
                }
                continue;
            }
            if (ch == '\n') {
                throw error(new Token(Kind.EOF, "", l, c), "literal not terminated");
            }
            step();
            if (ch == '"') {
                return src.substring(start, pos);
            }
        }
        throw error(new Token(Kind.EOF, "", l, c), "literal not terminated");
    }

    private String heredoc(int l, int c) {
        if (!src.startsWith("<<", pos)) {
            throw error(new Token(Kind.EOF, "", l, c), "illegal char '<'");
        }
        int start = pos;
        int eol = src.indexOf('\n', pos);
        if (eol < 0) {
            throw error(new Token(Kind.EOF, "", l, c), "heredoc not terminated");
        }
        String marker = src.substring(pos + 2, eol).trim().replaceFirst("^-", "");
        if (marker.isEmpty()) {
            throw error(new Token(Kind.EOF, "", l, c), "zero-length heredoc anchor");
        }
        while (pos <= eol) {
            step();
        }
        while (pos < src.length()) {
            int end = src.indexOf('\n', pos);
            String text = (end < 0 ? src.substring(pos) : src.substring(pos, end)).trim();
            int stop = end < 0 ? src.length() : end;
            while (pos < stop) {
                step();
            }
            if (text.equals(marker)) {
                return src.substring(start, pos);
            }
            if (end >= 0) {
                step();
            }
        }
        throw error(new Token(Kind.EOF, "", l, c), "heredoc not terminated");
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
                    throw error(new Token(Kind.EOF, "", l, c), "comment not terminated");
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

    private static IllegalArgumentException error(Token at, String reason) {
        return new IllegalArgumentException("At " + at.line + ":" + at.col + ": " + reason);
    }
}
