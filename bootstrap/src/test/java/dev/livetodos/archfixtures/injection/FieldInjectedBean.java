package dev.livetodos.archfixtures.injection;

import org.springframework.beans.factory.annotation.Autowired;

/** Breaks the injection rule on purpose. */
public class FieldInjectedBean {

    @Autowired
    private Object dependency;
}
