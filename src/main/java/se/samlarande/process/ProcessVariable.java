package se.samlarande.process;

import org.camunda.bpm.engine.delegate.VariableScope;

/** A process variable declared once, with its name and type, read and written without casts at call sites. */
public final class ProcessVariable<T> {

    private final String name;
    private final Class<T> type;

    private ProcessVariable(String name, Class<T> type) {
        this.name = name;
        this.type = type;
    }

    static <T> ProcessVariable<T> of(String name, Class<T> type) {
        return new ProcessVariable<>(name, type);
    }

    public String name() {
        return name;
    }

    /** The value, or null if the variable is not set. */
    public T get(VariableScope scope) {
        return convert(scope.getVariable(name));
    }

    /** The value in an execution (e.g. a process instance) seen from outside the process, or null if not set. */
    public T get(org.camunda.bpm.engine.RuntimeService runtime, String executionId) {
        return convert(runtime.getVariable(executionId, name));
    }

    /** The value, or an error naming the missing variable. */
    public T require(VariableScope scope) {
        T value = get(scope);
        if (value == null) {
            throw new IllegalStateException("Process variable '" + name + "' is not set");
        }
        return value;
    }

    public void set(VariableScope scope, T value) {
        scope.setVariable(name, value);
    }

    public void setLocal(VariableScope scope, T value) {
        scope.setVariableLocal(name, value);
    }

    private T convert(Object value) {
        if (value == null) {
            return null;
        }
        if (type == Long.class && value instanceof Number number) {
            return type.cast(number.longValue());
        }
        if (type == Integer.class && value instanceof Number number) {
            return type.cast(number.intValue());
        }
        if (type == String.class && !(value instanceof String)) {
            return type.cast(String.valueOf(value));
        }
        return type.cast(value);
    }

    @Override
    public String toString() {
        return name;
    }
}
