package org.holdout.web;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.javalin.Javalin;
import io.javalin.config.SizeUnit;
import io.javalin.http.Handler;
import io.javalin.security.RouteRole;
import io.javalin.http.HandlerType;
import io.javalin.json.JavalinJackson;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.server.ForwardedRequestCustomizer;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;
import org.holdout.account.AccountRepository;
import org.holdout.account.AccountService;
import org.holdout.account.LoginThrottle;
import org.holdout.config.ServerConfig;
import org.holdout.code.CodeUploadRepository;
import org.holdout.code.CodeUploadService;
import org.holdout.code.CodeZipRules;
import org.holdout.watch.SubmissionWatch;
import org.holdout.competition.Competition;
import org.holdout.competition.BundleInstall;
import org.holdout.competition.CompetitionCreation;
import org.holdout.competition.CompetitionRepository;
import org.holdout.competition.CompetitionService;
import org.holdout.competition.FloorsCache;
import org.holdout.competition.MemberRepository;
import org.holdout.competition.SettingsService;
import org.holdout.competition.StagedUploads;
import org.holdout.db.Database;
import org.holdout.exclusion.ExclusionRepository;
import org.holdout.exclusion.ExclusionService;
import org.holdout.grading.Grades;
import org.holdout.grading.HonestScores;
import org.holdout.leaderboard.Leaderboard;
import org.holdout.leaderboard.SelectionRepository;
import org.holdout.leaderboard.Selections;
import org.holdout.leaderboard.Standings;
import org.holdout.rescore.Rescore;
import org.holdout.rescore.RescoreRepository;
import org.holdout.rescore.StudentDiff;
import org.holdout.submission.Solutions;
import org.holdout.submission.SubmissionRepository;
import org.holdout.submission.SubmissionService;
import org.holdout.submission.SubmittedScores;
import org.holdout.submission.UploadStore;
import org.holdout.audit.AuditLog;
import org.holdout.threshold.ThresholdRepository;
import org.holdout.threshold.ThresholdService;
import org.holdout.training.BaselineTraining;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/** Builds the whole server from a config, a database and a clock; never starts it (tests start it on port 0). */
public final class App implements AutoCloseable {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(App.class);
    static final int ACCEPT_QUEUE = 1024;
    private final ServerConfig config;
    private final Javalin javalin;
    private final AccountService accounts;
    private final CompetitionService competitions;
    private final SubmissionService submissions;
    private final ThresholdService thresholds;
    private final BaselineTraining training;
    private final FloorsCache floors = new FloorsCache();
    private final CompetitionCreation creation;
    private final CodeUploadService code;
    private final Standings standings;
    private final Rescore rescore;
    private final List<Route> routes;

    private App(ServerConfig config, Database db, Clock clock) {
        this.config = config;
        AccountRepository accountRepo = new AccountRepository(db);
        accounts = new AccountService(accountRepo, clock);
        MemberRepository members = new MemberRepository(db);
        ThresholdRepository thresholdRepo = new ThresholdRepository(db);
        competitions = new CompetitionService(new CompetitionRepository(db), members, config.rulesFile(),
                thresholdRepo::all);
        UploadStore store = new UploadStore(config.uploadDir());
        Solutions solutions = new Solutions();
        SubmissionRepository submissionRepo = new SubmissionRepository(db);
        submissions = new SubmissionService(db, submissionRepo, store, solutions, clock, config.uploadPolicy());
        SelectionRepository selectionRepo = new SelectionRepository(db);
        ExclusionRepository exclusionRepo = new ExclusionRepository(db);
        Leaderboard leaderboard = new Leaderboard(submissionRepo, accountRepo, thresholdRepo, selectionRepo,
                exclusionRepo);
        standings = new Standings(submissionRepo, accountRepo, members, selectionRepo, exclusionRepo);
        Selections selections = new Selections(db, selectionRepo, submissionRepo, exclusionRepo, clock);
        ExclusionService exclusions = new ExclusionService(db, exclusionRepo, submissionRepo, accountRepo, clock);
        submissions.onScored(leaderboard::scored);
        thresholds = new ThresholdService(db, thresholdRepo, bytes -> store.put(bytes).sha256(),
                id -> solutions.of(competitions.repository().byId(id).orElseThrow()), clock);
        training = new BaselineTraining(thresholds, config.dataDir());
        RescoreRepository rescoreRepo = new RescoreRepository(db);
        leaderboard.watchRescores(rescoreRepo::mark);
        rescore = new Rescore(db, submissionRepo, thresholdRepo, accountRepo, new StudentDiff(standings), store,
                new StagedUploads(config.dataDir(), config.maxUploadBytes()), rescoreRepo, clock,
                c -> leaderboard.forget(c.id()));

        code = new CodeUploadService(db, new CodeUploadRepository(db), store, standings,
                thresholdRepo, accountRepo, clock, config.codeMaxBytes(), CodeZipRules.DEFAULT);

        Errors errors = new Errors(config.maxUploadBytes());
        Uploads uploads = new Uploads(config.maxUploadBytes(), errors);
        Access access = new Access(accounts);
        LoginThrottle throttle = new LoginThrottle(config.loginFreeFailures(), config.loginMaxDelay(),
                config.loginFailuresPerAddress(), config.loginWindow(), clock);
        CompetitionScope scope = new CompetitionScope(competitions);
        StaffHandlers staff = new StaffHandlers(competitions, clock, floors, submissionRepo, accountRepo,
                new ThresholdSection(thresholds, training, floors));
        ThresholdHandlers thresholdHandlers = new ThresholdHandlers(thresholds, training, uploads, staff);
        creation = new CompetitionCreation(new BundleInstall(competitions.repository(), config.dataDir()),
                new StagedUploads(config.dataDir(), StagedUploads.DEFAULT_MAX_BYTES), floors, clock);
        routes = Routes.all(new AccountHandlers(accounts, throttle), new CompetitionHandlers(competitions, clock),
                new SubmissionHandlers(submissions, uploads, leaderboard, selections,
                        new SubmittedScores(store, solutions::of)),
                new LeaderboardHandlers(leaderboard), staff, thresholdHandlers,
                new AuditHandlers(new AuditLog(db)), new CompetitionCreationHandlers(creation, floors, config),
                new SettingsHandlers(competitions, new SettingsService(db, members, accountRepo, clock, thresholdRepo::all)),
                new ExclusionHandlers(exclusions, accountRepo),
                new GradeHandlers(Grades.of(db), new HonestScores(submissionRepo, store, solutions::of), clock),
                new RescoreHandlers(rescore), new CodeHandlers(code, accountRepo),
                new WatchHandlers(new SubmissionWatch(submissionRepo, accountRepo, standings), leaderboard));

        TemplateEngine pages = Pages.ENGINE;
        JettyErrors jettyErrors = new JettyErrors(model -> {
            Map<String, Object> m = new HashMap<>(model);
            m.put("siteTitle", siteTitle(allCompetitions()));
            return pages.process("error", new org.thymeleaf.context.Context(java.util.Locale.ROOT, m));
        });
        javalin = Javalin.create(cfg -> {
            cfg.showJavalinBanner = false;
            cfg.http.maxRequestSize = config.maxUploadBytes() + 64 * 1024;
            cfg.http.prefer405over404 = true;
            // a form's file may be a code zip, which has its own limit; each handler checks the limit of what it takes
            long maxKb = Math.max(1, (Math.max(config.maxUploadBytes(), config.codeMaxBytes()) + 1023) / 1024);
            cfg.jetty.multipartConfig.maxFileSize(maxKb, SizeUnit.KB);
            cfg.jetty.multipartConfig.maxTotalRequestSize(maxKb + 64, SizeUnit.KB);
            cfg.jetty.multipartConfig.maxInMemoryFileSize(64, SizeUnit.KB);
            cfg.jetty.addConnector((server, http) -> {
                if (config.behindProxy()) {
                    // scheme, host and client from the proxy's X-Forwarded-*/Forwarded headers: Secure cookies behind TLS
                    http.addCustomizer(new ForwardedRequestCustomizer());
                }
                ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
                connector.setHost(config.host());
                connector.setPort(config.port());
                // a deadline brings hundreds of connections at once; the JDK's default backlog of 50 resets the rest
                connector.setAcceptQueueSize(ACCEPT_QUEUE);
                return connector;
            });
            // a key sent twice ({"public": 0.5, "public": 0.6}) is refused, not read as whichever came last
            cfg.jsonMapper(new BomTolerantJson(new JavalinJackson().updateMapper(m -> m.registerModule(
                    new JavaTimeModule()).disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                    .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION))));
            cfg.fileRenderer(new LocalizedThymeleaf(pages));
            cfg.jetty.modifyServer(server -> server.setErrorHandler(jettyErrors));
            cfg.router.mount(r -> {
                r.before(ctx -> {
                    SecurityHeaders.apply(ctx);
                    if (Web.isApi(ctx) || ctx.path().startsWith(SecurityHeaders.STATIC)) {
                        return;
                    }
                    Map<String, Object> layout = new HashMap<>();
                    List<Competition> all = allCompetitions();
                    if (!all.isEmpty()) {
                        ctx.attribute(Web.ALL_COMPETITIONS, all);
                    }
                    layout.put("siteTitle", siteTitle(all));
                    // the menu of a page outside any competition leads to the only one, or is left out
                    layout.put("base", all.size() == 1 ? "" : null);
                    layout.put("baseUrl", ctx.scheme() + "://" + ctx.host());
                    ctx.attribute(Web.LAYOUT, layout);
                });
                r.beforeMatched(access::check);
                for (Route route : routes) {
                    RouteRole[] roles = route.roles().stream().map(RoutedRole::new).toArray(RouteRole[]::new);
                    Handler handler = route.ofCompetition() ? scope.around(route.handler()) : route.handler();
                    for (String path : route.paths()) {
                        r.addHttpHandler(route.method(), path, handler, roles);
                        if (route.method() == HandlerType.GET) {
                            // link checkers and monitors ask with HEAD; Jetty sends the headers without the body
                            r.addHttpHandler(HandlerType.HEAD, path, handler, roles);
                        }
                    }
                }
                errors.register(r, access::identify);
                r.after(ctx -> {
                    if (ctx.method() != HandlerType.GET && ctx.method() != HandlerType.HEAD) {
                        // whatever a request changed is on the disk before its answer leaves
                        db.durable();
                    }
                });
            });
        });
    }

    public static App create(ServerConfig config, Database db, Clock clock) {
        return new App(config, db, clock);
    }

    /** The only competition's title, or the product's name over several. */
    private static String siteTitle(List<Competition> all) {
        return all.size() == 1 ? all.get(0).title() : "Holdout";
    }

    private List<Competition> allCompetitions() {
        try {
            return competitions.repository().all();
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    /** The templates are resources of the jar: one engine and its parsed-template cache serve every App of a JVM. */
    private static final class Pages {
        static final TemplateEngine ENGINE = templateEngine();
    }

    private static TemplateEngine templateEngine() {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
        resolver.setPrefix("/templates/");
        resolver.setSuffix(".html");
        resolver.setTemplateMode(TemplateMode.HTML);
        resolver.setCharacterEncoding("UTF-8");
        resolver.setCacheable(true);
        TemplateEngine engine = new TemplateEngine();
        engine.setTemplateResolver(resolver);
        engine.setMessageResolver(new Messages());
        return engine;
    }

    /** Decides what a crash left half-done and prunes refused files, then listens, then starts the missing floors. */
    public App start() {
        int recovered = submissions.recover(competitions.repository()::byId);
        if (recovered > 0) {
            LOG.warn("{} submission(s) left half-done by a crash were decided before listening", recovered);
        }
        rescore.recover(allCompetitions());
        submissions.pruneRefused(null);
        creation.removeLeftovers();
        code.removeLeftovers();
        javalin.start();
        floors.start(allCompetitions());
        return this;
    }

    public int port() {
        return javalin.port();
    }

    public String url() {
        String host = config.host().equals("0.0.0.0") ? "localhost" : config.host();
        return "http://" + host + ":" + port();
    }

    public AccountService accounts() {
        return accounts;
    }

    public CompetitionService competitions() {
        return competitions;
    }

    public SubmissionService submissions() {
        return submissions;
    }

    public ThresholdService thresholds() {
        return thresholds;
    }

    public BaselineTraining training() {
        return training;
    }

    /** Each competition's standings read fresh: what the boards rank and the grades are made of. */
    public Standings standings() {
        return standings;
    }

    public Rescore rescore() {
        return rescore;
    }

    public FloorsCache floors() {
        return floors;
    }

    /** The routes table this server answers, with who may call each route. */
    public List<Route> routes() {
        return routes;
    }

    @Override
    public void close() {
        creation.close();
        training.close();
        floors.close();
        javalin.stop();
    }
}
