package se.samlarande.system;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Refuses any expression ({@code ${...}} or {@code #{...}}) sent to the engine's APIs, in the query string, in a
 * JSON body at any depth (nested {@code orQueries} included, JSON escapes decoded first) or in a form body.
 * <p>
 * Why: Camunda 7 CE gets no more patches, and query expressions are a documented way to submit code to the
 * engine. The engine checks ad-hoc query expressions itself ({@code enableExpressionsInAdhocQueries=false}), but a
 * flaw reported in 2026 lets expressions hidden in nested task queries pass that check. Nothing the app's users do
 * through these APIs needs an expression: the Tasklist filters that use one ({@code ${currentUser()}}) are created by
 * the app at start-up through the Java API. Deployments are the one exception: a BPMN file is full of expressions
 * by nature, and creating one is for admins only (the engine's authorizations).
 */
class EngineExpressionGuard extends OncePerRequestFilter {

    /** Bodies larger than this are refused on these APIs (the largest legitimate ones are form submissions). */
    static final int MAX_BODY_BYTES = 1024 * 1024;

    /** Creating a deployment, on the default engine or a named one. */
    private static final Pattern DEPLOYMENT = Pattern.compile("/engine-rest(/engine/[^/]+)?/deployment/create");

    private final ObjectMapper json = new ObjectMapper();

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (isDeployment(request)) {
            chain.doFilter(request, response);
            return;
        }
        String refusal = refusalOfQuery(request);
        if (isForm(request)) {
            // the container parses a form body into parameters; check those and leave the body to it
            if (refusal == null && request.getParameterMap().entrySet().stream().anyMatch(p -> containsExpression(p.getKey())
                    || java.util.Arrays.stream(p.getValue()).anyMatch(EngineExpressionGuard::containsExpression))) {
                refusal = "Expressions are not accepted in the request body.";
            }
            if (refusal != null) {
                refuse(response, refusal);
                return;
            }
            chain.doFilter(request, response);
            return;
        }
        byte[] body = request.getInputStream().readNBytes(MAX_BODY_BYTES + 1);
        if (refusal == null && body.length > MAX_BODY_BYTES) {
            refusal = "The request body is too large.";
        }
        if (refusal == null && body.length > 0) {
            refusal = refusalOfBody(request.getContentType(), body);
        }
        if (refusal != null) {
            refuse(response, refusal);
            return;
        }
        chain.doFilter(new CachedBody(request, body), response);
    }

    /** Answers as the engine's REST API answers a bad request. */
    private void refuse(HttpServletResponse response, String refusal) throws IOException {
        response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(json.writeValueAsString(Map.of("type", "InvalidRequestException", "message", refusal)));
    }

    private static boolean isForm(HttpServletRequest request) {
        String type = request.getContentType();
        return type != null && type.toLowerCase().startsWith(MediaType.APPLICATION_FORM_URLENCODED_VALUE);
    }

    private static boolean isDeployment(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return "POST".equals(request.getMethod())
                && DEPLOYMENT.matcher(path).matches();
    }

    private static String refusalOfQuery(HttpServletRequest request) {
        String decodedPath = decode(request.getRequestURI());
        if (decodedPath == null || containsExpression(decodedPath)) {
            return "Expressions are not accepted in the address.";
        }
        String query = request.getQueryString();
        if (query == null) {
            return null;
        }
        String decoded = decode(query);
        if (decoded == null || containsExpression(decoded)) {
            return "Expressions are not accepted in query parameters.";
        }
        return null;
    }

    private String refusalOfBody(String contentType, byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        if (contentType != null && contentType.toLowerCase().contains("json")) {
            try {
                JsonNode tree = json.readTree(body);
                return tree != null && containsExpression(tree) ? "Expressions are not accepted in the request body." : null;
            } catch (IOException e) {
                return "The request body is not valid JSON.";
            }
        }
        return containsExpression(text) ? "Expressions are not accepted in the request body." : null;
    }

    private static boolean containsExpression(JsonNode node) {
        if (node.isTextual()) {
            return containsExpression(node.textValue());
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext();) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (containsExpression(field.getKey()) || containsExpression(field.getValue())) {
                return true;
            }
        }
        if (node.isArray()) {
            for (JsonNode element : node) {
                if (containsExpression(element)) {
                    return true;
                }
            }
        }
        return false;
    }

    static boolean containsExpression(String text) {
        return text.contains("${") || text.contains("#{");
    }

    /** URL-decoded text, repeatedly until stable (double encoding), or null when it cannot be decoded. */
    private static String decode(String text) {
        String current = text;
        for (int i = 0; i < 3; i++) {
            String next;
            try {
                next = URLDecoder.decode(current.replace("+", "%2B"), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return null;
            }
            if (next.equals(current)) {
                return next;
            }
            current = next;
        }
        return current;
    }

    /** The request with its body already read, so the engine's API reads the same bytes that were checked. */
    private static final class CachedBody extends HttpServletRequestWrapper {

        private final byte[] body;

        CachedBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            var in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("synchronous reads only");
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
