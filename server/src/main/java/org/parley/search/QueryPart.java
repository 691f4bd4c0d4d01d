package org.parley.search;

import java.time.LocalDate;

/** One piece of a search query, as the user wrote it. {@link QueryParser} produces them. */
public sealed interface QueryPart {

    /** A piece that matches message text; it can be excluded with a leading {@code -}. */
    sealed interface TextPart extends QueryPart {}

    /** A bare word. {@code typing} when it ends the query, so the user may still be typing it. */
    record Word(String text, boolean typing) implements TextPart {}

    /** Words in quotes: they must appear together, in this order, as whole words. */
    record Phrase(String text) implements TextPart {}

    /** A word ending in {@code *}: any word that starts with {@code text}. */
    record Prefix(String text) implements TextPart {}

    /** {@code -word}, {@code -"phrase"}, {@code -prefix*}: messages that match the part are left out. */
    record Excluded(TextPart part) implements QueryPart {}

    /** {@code from:username}: messages sent by this user ({@code me} is the caller). */
    record From(String username) implements QueryPart {}

    /** {@code in:room-name}: messages in the caller's rooms of that name. */
    record InRoom(String name) implements QueryPart {}

    /** {@code before:YYYY-MM-DD}: messages sent before that day began (UTC). */
    record Before(LocalDate date) implements QueryPart {}

    /** {@code after:YYYY-MM-DD}: messages sent after that day ended (UTC). */
    record After(LocalDate date) implements QueryPart {}

    /** {@code has:link}: messages with an http or https link. */
    record HasLink() implements QueryPart {}

    /** {@code has:file}: messages with at least one attached file. */
    record HasFile() implements QueryPart {}

    /** {@code has:image}: messages with at least one attached image. */
    record HasImage() implements QueryPart {}
}
