package dev.livetodos.archfixtures.issuer.issuer;

public class Accounts {
}
