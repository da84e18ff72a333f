package io.scribehook.app.config;

/** How log lines are written. */
public enum LogFormat {
    TEXT,
    JSON
}
