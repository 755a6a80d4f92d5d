package se.samlarande.library;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.DelegatingAnalyzerWrapper;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.core.KeywordAnalyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.snowball.SnowballFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.sv.SwedishAnalyzer;
import org.apache.lucene.analysis.sv.SwedishMinimalStemFilter;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.queryparser.simple.SimpleQueryParser;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.highlight.DefaultEncoder;
import org.apache.lucene.search.highlight.Highlighter;
import org.apache.lucene.search.highlight.InvalidTokenOffsetsException;
import org.apache.lucene.search.highlight.QueryScorer;
import org.apache.lucene.search.highlight.SimpleSpanFragmenter;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.tartarus.snowball.ext.SwedishStemmer;

import se.samlarande.visit.Language;

/**
 * The library's search index: Lucene in memory ({@link ByteBuffersDirectory}), holding only the entries that are
 * visible, each analysed in Swedish and in English, so a query in either language finds entries in both, and the
 * entry's own language counts a little more.
 * <p>
 * Swedish is analysed twice: by Lucene's {@link SwedishAnalyzer} (Snowball: <i>vårdcentralen, vårdcentraler →
 * vårdcentral</i>, <i>organisationer → organisation</i>) and by a chain with Lucene's minimal Swedish stemmer before
 * the Snowball one, which also joins the definite neuter in <i>-et</i> that Snowball leaves (<i>förbättringsarbetet,
 * förbättringsarbeten → förbättringsarbet</i>). A query is matched against both; English by {@link EnglishAnalyzer}
 * (<i>improvements, improving → improv</i>).
 * <p>
 * Several nodes share one database: every change raises the library's revision in its own transaction. After the
 * commit this node applies its change to the index if the index was at the revision just before; otherwise, and
 * whenever a search finds the database at another revision than the index (another node changed the library, or the
 * retention job did), the index is rebuilt from the database.
 */
@Component
class LibraryIndex {

    private static final Logger log = LoggerFactory.getLogger(LibraryIndex.class);

    static final String ID = "id";
    static final String THEME = "theme";
    static final String LEVEL = "level";
    static final String UPDATED = "updated";
    /** The analyses: Swedish (Snowball), Swedish (minimal and Snowball), English. */
    static final List<String> ANALYSES = List.of("sv", "svm", "en");

    private final LibraryRepository repository;
    private final Analyzer swedish = new SwedishAnalyzer();
    private final Analyzer swedishMinimal = new SwedishMinimalAnalyzer();
    private final Analyzer english = new EnglishAnalyzer();
    private final Analyzer keyword = new KeywordAnalyzer();
    private final Analyzer perField = new DelegatingAnalyzerWrapper(Analyzer.PER_FIELD_REUSE_STRATEGY) {
        @Override
        protected Analyzer getWrappedAnalyzer(String fieldName) {
            return analyzer(fieldName.substring(fieldName.lastIndexOf('_') + 1));
        }
    };

    private final Object lock = new Object();
    private IndexWriter writer;
    private SearcherManager searchers;
    /** The library revision the index holds; -1 before it was built. */
    private volatile long revision = -1;

    LibraryIndex(LibraryRepository repository) {
        this.repository = repository;
    }

    /** At start, from the database. */
    @EventListener(ApplicationReadyEvent.class)
    void buildAtStart() {
        try {
            rebuild();
        } catch (RuntimeException e) {
            log.warn("The library's search index could not be built at start; the first search builds it: {}", e.toString());
        }
    }

    /** A found entry and its score. */
    record Found(long entryId, float score) {
    }

    /**
     * Visible entries matching the text (relevance first) or, without text, all (newest first); narrowed to a theme
     * and a partner level when given.
     */
    List<Found> search(String text, Long themeId, String level, int limit) {
        ensureCurrent();
        BooleanQuery.Builder query = new BooleanQuery.Builder();
        boolean ranked = text != null && !text.isBlank();
        query.add(ranked ? textQuery(text) : new MatchAllDocsQuery(), BooleanClause.Occur.MUST);
        if (themeId != null) {
            query.add(new TermQuery(new Term(THEME, String.valueOf(themeId))), BooleanClause.Occur.FILTER);
        }
        if (level != null) {
            query.add(new TermQuery(new Term(LEVEL, level)), BooleanClause.Occur.FILTER);
        }
        IndexSearcher searcher = acquire();
        try {
            TopDocs top = ranked ? searcher.search(query.build(), limit)
                    : searcher.search(query.build(), limit, new Sort(new SortField(UPDATED, SortField.Type.LONG, true)));
            List<Found> found = new ArrayList<>();
            for (ScoreDoc hit : top.scoreDocs) {
                found.add(new Found(Long.parseLong(searcher.storedFields().document(hit.doc).get(ID)), hit.score));
            }
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            release(searcher);
        }
    }

    /**
     * The query for a text a person typed: Lucene's simple syntax (every word must match in some form; quotes for a
     * phrase, {@code |} for either, {@code -} to exclude, {@code *} for a prefix; never an error), matched in every
     * analysis; titles weigh most, then summaries, then the text; a match in the entry's own language counts half
     * again.
     */
    Query textQuery(String text) {
        BooleanQuery.Builder query = new BooleanQuery.Builder();
        for (String analysis : ANALYSES) {
            SimpleQueryParser fields = new SimpleQueryParser(analyzer(analysis), Map.of("title_" + analysis, 3f,
                    "summary_" + analysis, 2f, "text_" + analysis, 1f, "meta_" + analysis, 1f));
            fields.setDefaultOperator(BooleanClause.Occur.MUST);
            query.add(fields.parse(text), BooleanClause.Occur.SHOULD);
            SimpleQueryParser own = new SimpleQueryParser(analyzer(analysis), Map.of("own_" + analysis, 1f));
            own.setDefaultOperator(BooleanClause.Occur.MUST);
            query.add(new BoostQuery(own.parse(text), 1.5f), BooleanClause.Occur.SHOULD);
        }
        return query.build();
    }

    /**
     * Where the query matched the entry's text, as passages with the matching words marked: {@code true} parts are
     * matches. Empty when nothing in the text matched (a match in the title or the themes only).
     */
    List<List<Snippet.Part>> highlight(String text, String content) {
        if (text == null || text.isBlank() || content == null || content.isBlank()) {
            return List.of();
        }
        Query query = textQuery(text);
        String clean = content.replace(Snippet.OPEN, ' ').replace(Snippet.CLOSE, ' ');
        for (String analysis : ANALYSES) {
            String field = "text_" + analysis;
            QueryScorer scorer = new QueryScorer(query, field);
            Highlighter highlighter = new Highlighter((original, group) -> group.getTotalScore() <= 0 ? original
                    : Snippet.OPEN + original + Snippet.CLOSE, new DefaultEncoder(), scorer);
            highlighter.setTextFragmenter(new SimpleSpanFragmenter(scorer, 160));
            try (TokenStream tokens = analyzer(analysis).tokenStream(field, clean)) {
                String[] fragments = highlighter.getBestFragments(tokens, clean, 2);
                if (fragments.length > 0) {
                    return Stream.of(fragments).map(Snippet::parts).toList();
                }
            } catch (IOException | InvalidTokenOffsetsException e) {
                log.debug("No highlight for a library entry: {}", e.toString());
            }
        }
        return List.of();
    }

    /** Rebuilds the index when the database is at another revision than the index. */
    void ensureCurrent() {
        if (repository.revision() != revision) {
            synchronized (lock) {
                if (repository.revision() != revision) {
                    rebuild();
                }
            }
        }
    }

    /** The whole index again, from the visible entries in the database. */
    void rebuild() {
        synchronized (lock) {
            long at = repository.revision(); // first the revision, then the entries: never older than it says
            List<LibraryEntry> entries = repository.findAllVisible();
            try {
                IndexWriter fresh = new IndexWriter(new ByteBuffersDirectory(), new IndexWriterConfig(perField));
                for (LibraryEntry entry : entries) {
                    fresh.addDocument(document(entry));
                }
                fresh.commit();
                SearcherManager freshSearchers = new SearcherManager(fresh, null);
                IndexWriter old = writer;
                SearcherManager oldSearchers = searchers;
                writer = fresh;
                searchers = freshSearchers;
                revision = at;
                if (old != null) {
                    oldSearchers.close();
                    old.close();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            log.info("Library index built: {} visible entries at revision {}", entries.size(), at);
        }
    }

    /**
     * A change this node committed at {@code changedAt}: applied to the index if the index was at the revision just
     * before it (the changed entries read again, added if visible, removed if not); otherwise left for the next
     * search, which rebuilds.
     */
    void applied(long changedAt, Collection<Long> entryIds) {
        synchronized (lock) {
            if (writer == null || revision != changedAt - 1) {
                return;
            }
            try {
                List<LibraryEntry> visible = repository.findVisible(entryIds);
                for (long id : entryIds) {
                    writer.deleteDocuments(new Term(ID, String.valueOf(id)));
                }
                for (LibraryEntry entry : visible) {
                    writer.addDocument(document(entry));
                }
                searchers.maybeRefreshBlocking();
                revision = changedAt;
            } catch (IOException | RuntimeException e) {
                log.warn("Library index not updated in place; the next search rebuilds it: {}", e.toString());
                revision = -1;
            }
        }
    }

    long revision() {
        return revision;
    }

    private Document document(LibraryEntry entry) {
        Document doc = new Document();
        doc.add(new StringField(ID, String.valueOf(entry.id()), Field.Store.YES));
        doc.add(new StringField(LEVEL, entry.level().name(), Field.Store.NO));
        entry.themes().forEach(theme -> doc.add(new StringField(THEME, String.valueOf(theme.id()), Field.Store.NO)));
        doc.add(new NumericDocValuesField(UPDATED, entry.updatedAt().toEpochMilli()));
        String text = entry.searchableText();
        String meta = Stream.concat(Stream.of(entry.organisation(), entry.hostUnit(), entry.visitTopic()),
                entry.themes().stream().flatMap(t -> Stream.of(t.name(), t.nameEn())))
                .filter(s -> s != null && !s.isBlank()).collect(Collectors.joining("\n"));
        String all = String.join("\n", entry.title(), text, meta);
        for (String analysis : ANALYSES) {
            doc.add(new TextField("title_" + analysis, entry.title(), Field.Store.NO));
            if (entry.summary() != null) {
                doc.add(new TextField("summary_" + analysis, entry.summary(), Field.Store.NO));
            }
            doc.add(new TextField("text_" + analysis, text, Field.Store.NO));
            doc.add(new TextField("meta_" + analysis, meta, Field.Store.NO));
            if (ownLanguage(entry.language(), analysis)) {
                doc.add(new TextField("own_" + analysis, all, Field.Store.NO));
            }
        }
        return doc;
    }

    private static boolean ownLanguage(Language language, String analysis) {
        return language == Language.EN ? analysis.equals("en") : !analysis.equals("en");
    }

    private Analyzer analyzer(String analysis) {
        return switch (analysis) {
            case "sv" -> swedish;
            case "svm" -> swedishMinimal;
            case "en" -> english;
            default -> keyword;
        };
    }

    private IndexSearcher acquire() {
        synchronized (lock) {
            try {
                return searchers.acquire();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private void release(IndexSearcher searcher) {
        try {
            // released to the manager that gave it out, even if the index has been rebuilt since
            searcher.getIndexReader().decRef();
        } catch (IOException e) {
            log.debug("Releasing a library searcher: {}", e.toString());
        }
    }

    /**
     * Swedish as {@link SwedishAnalyzer} does it (standard tokens, lower case, Lucene's Swedish stop words, Snowball),
     * with Lucene's minimal Swedish stemmer before Snowball.
     */
    static final class SwedishMinimalAnalyzer extends Analyzer {
        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
            Tokenizer source = new StandardTokenizer();
            TokenStream result = new LowerCaseFilter(source);
            result = new StopFilter(result, SwedishAnalyzer.getDefaultStopSet());
            result = new SwedishMinimalStemFilter(result);
            result = new SnowballFilter(result, new SwedishStemmer());
            return new TokenStreamComponents(source, result);
        }

        @Override
        protected TokenStream normalize(String fieldName, TokenStream in) {
            return new LowerCaseFilter(in);
        }
    }
}
