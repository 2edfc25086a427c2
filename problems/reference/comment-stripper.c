#include <stdio.h>

typedef enum {
    CODE,
    SLASH,
    LINE_COMMENT,
    BLOCK_COMMENT,
    BLOCK_STAR,
    STRING,
    STRING_ESCAPE,
    CHAR_LITERAL,
    CHAR_ESCAPE,
} LexState;

typedef struct {
    LexState state;
    int comments;
    int last_output;
} Stripper;

static void emit(Stripper *s, int c)
{
    putchar(c);
    s->last_output = c;
}

static LexState in_code(Stripper *s, int c)
{
    if (c == '/') {
        return SLASH;
    }
    emit(s, c);
    if (c == '"') {
        return STRING;
    }
    return c == '\'' ? CHAR_LITERAL : CODE;
}

static LexState after_slash(Stripper *s, int c)
{
    if (c == '/') {
        s->comments++;
        return LINE_COMMENT;
    }
    if (c == '*') {
        s->comments++;
        return BLOCK_COMMENT;
    }
    emit(s, '/');
    return in_code(s, c);
}

static LexState in_literal(Stripper *s, int c, int quote, LexState literal, LexState escape)
{
    emit(s, c);
    if (c == '\\') {
        return escape;
    }
    return c == quote ? CODE : literal;
}

static LexState step(Stripper *s, int c)
{
    switch (s->state) {
    case CODE:
        return in_code(s, c);
    case SLASH:
        return after_slash(s, c);
    case LINE_COMMENT:
        if (c == '\n') {
            emit(s, c);
            return CODE;
        }
        return LINE_COMMENT;
    case BLOCK_COMMENT:
        return c == '*' ? BLOCK_STAR : BLOCK_COMMENT;
    case BLOCK_STAR:
        if (c == '/') {
            emit(s, ' ');
            return CODE;
        }
        return c == '*' ? BLOCK_STAR : BLOCK_COMMENT;
    case STRING:
        return in_literal(s, c, '"', STRING, STRING_ESCAPE);
    case CHAR_LITERAL:
        return in_literal(s, c, '\'', CHAR_LITERAL, CHAR_ESCAPE);
    case STRING_ESCAPE:
        emit(s, c);
        return STRING;
    case CHAR_ESCAPE:
        emit(s, c);
        return CHAR_LITERAL;
    }
    return s->state;
}

int main(void)
{
    Stripper stripper = {CODE, 0, '\n'};
    int c;
    while ((c = getchar()) != EOF) {
        stripper.state = step(&stripper, c);
    }
    if (stripper.state == SLASH) {
        emit(&stripper, '/');
    }
    if (stripper.last_output != '\n') {
        emit(&stripper, '\n');
    }
    printf("Removed %d comments\n", stripper.comments);
    if (stripper.state == BLOCK_COMMENT || stripper.state == BLOCK_STAR) {
        printf("Warning: unterminated comment\n");
    }
    return 0;
}
