package dev.livetodos.archfixtures.issuer.domain.model;

public class Todo {
}
