package org.parley.push;

/** One browser's push channel for a user: where to post ({@code endpoint}) and its keys (base64url). */
record PushSubscription(long userId, String endpoint, String p256dh, String auth) {}
