package dev.livetodos.archfixtures.adapters.adapter.out.dynamodb;

public class Store {
}
