package se.samlarande.system;

import java.util.Map;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandContextFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.jersey.ResourceConfigCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import se.samlarande.evaluation.AnswerException;
import se.samlarande.visit.InvalidVisitException;

/**
 * Input the app refuses ({@link InvalidVisitException}, {@link AnswerException}: a person's mistake, with a message
 * meant for that person) is no error of the app: it is logged in one line at INFO, not with the engine's stack trace
 * at ERROR, whichever road it came by.
 * <ul>
 * <li>In the engine, a command that fails with it is logged as the engine logs its own {@code BadUserRequestException}
 * (the stack trace at DEBUG only), through a command context that counts it among the user's mistakes.</li>
 * <li>The REST API (Tasklist's start and task forms) answers 400 with the message, in the engine's own error shape
 * ({@code type}, {@code message}), which Tasklist shows next to the form; no longer 500 with a stack trace.</li>
 * </ul>
 * (The engine has logged the refusal by then; the REST answer adds no line of its own.) Every other exception is
 * logged as before.
 */
@Configuration(proxyBeanMethods = false)
class RefusedInput {

    private static final Logger log = LoggerFactory.getLogger(RefusedInput.class);

    static boolean isRefusedInput(Throwable t) {
        return t instanceof InvalidVisitException || t instanceof AnswerException;
    }

    @Bean
    AbstractProcessEnginePlugin refusedInputInTheEngine() {
        return new AbstractProcessEnginePlugin() {
            @Override
            public void preInit(ProcessEngineConfigurationImpl configuration) {
                CommandContextFactory factory = new CommandContextFactory() {
                    @Override
                    public CommandContext createCommandContext() {
                        return new RefusedInputAware(getProcessEngineConfiguration());
                    }
                };
                factory.setProcessEngineConfiguration(configuration);
                configuration.setCommandContextFactory(factory);
            }
        };
    }

    @Bean
    ResourceConfigCustomizer refusedInputInTheRestApi() {
        return config -> config.register(InvalidVisitMapper.class).register(AnswerMapper.class);
    }

    /** A command context that takes refused input for the user's mistake it is. */
    static final class RefusedInputAware extends CommandContext {

        RefusedInputAware(ProcessEngineConfigurationImpl configuration) {
            super(configuration);
        }

        @Override
        protected boolean shouldLogFine(Throwable exception) {
            if (isRefusedInput(exception)) {
                log.info("Refused: {}", exception.getMessage());
                return true;
            }
            return super.shouldLogFine(exception);
        }
    }

    /** 400 with the message, as the engine answers its own {@code BadUserRequestException}. */
    abstract static class RestMapper<E extends RuntimeException> implements ExceptionMapper<E> {

        @Override
        public Response toResponse(E exception) {
            log.debug("Refused over the REST API: {}", exception.getMessage());
            return Response.status(Response.Status.BAD_REQUEST).type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(Map.of("type", exception.getClass().getSimpleName(), "message", exception.getMessage()))
                    .build();
        }
    }

    public static final class InvalidVisitMapper extends RestMapper<InvalidVisitException> {
    }

    public static final class AnswerMapper extends RestMapper<AnswerException> {
    }
}
