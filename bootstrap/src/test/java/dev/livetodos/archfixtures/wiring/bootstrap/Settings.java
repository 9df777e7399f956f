package dev.livetodos.archfixtures.wiring.bootstrap;

public class Settings {
}
