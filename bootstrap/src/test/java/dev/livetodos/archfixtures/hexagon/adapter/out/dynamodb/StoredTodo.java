package dev.livetodos.archfixtures.hexagon.adapter.out.dynamodb;

public class StoredTodo {
}
