package dev.ductus.itests;

import static org.junit.jupiter.api.Assertions.fail;

import dev.ductus.api.StageProperties;
import dev.ductus.api.recognize.Recognizer;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;

/** The one base class of the in-framework tests: registers stages, configures pipelines, cleans up after. */
@ExtendWith({BundleContextExtension.class, ServiceExtension.class})
abstract class PipelineTestBase {
    @InjectBundleContext
    BundleContext context;

    @InjectService
    ConfigurationAdmin configAdmin;

    private final List<ServiceRegistration<?>> registrations = new ArrayList<>();
    private final List<Configuration> configurations = new ArrayList<>();

    @AfterEach
    void cleanUp() throws Exception {
        for (Configuration c : configurations) {
            try {
                c.delete();
            } catch (IllegalStateException alreadyDeleted) {
                // deleted by the test itself
            }
        }
        for (ServiceRegistration<?> r : registrations) {
            try {
                r.unregister();
            } catch (IllegalStateException alreadyGone) {
                // unregistered by the test itself
            }
        }
        long deadline = System.currentTimeMillis() + 5000;
        while (!context.getServiceReferences(Recognizer.class, null).isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.sleep(10);
        }
    }

    <T> ServiceRegistration<T> register(Class<T> type, T service, String stage, String name) {
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(StageProperties.STAGE, stage);
        props.put(StageProperties.NAME, name);
        ServiceRegistration<T> reg = context.registerService(type, service, props);
        registrations.add(reg);
        return reg;
    }

    /** Creates (or updates) the named factory configuration dev.ductus.pipeline~NAME. */
    Configuration pipeline(String name, Dictionary<String, Object> props) throws Exception {
        Configuration c = configAdmin.getFactoryConfiguration("dev.ductus.pipeline", name, "?");
        c.update(props);
        if (!configurations.contains(c)) configurations.add(c);
        return c;
    }

    void track(Configuration c) {
        configurations.add(c);
    }

    static Hashtable<String, Object> props(String... keyValues) {
        Hashtable<String, Object> p = new Hashtable<>();
        for (int i = 0; i < keyValues.length; i += 2) p.put(keyValues[i], keyValues[i + 1]);
        return p;
    }

    /** Waits for the pipeline's Recognizer whose service properties satisfy the condition. */
    ServiceReference<Recognizer> awaitRecognizer(String name, Predicate<ServiceReference<Recognizer>> condition) throws Exception {
        long deadline = System.currentTimeMillis() + 10_000;
        ServiceReference<Recognizer> last = null;
        while (System.currentTimeMillis() < deadline) {
            for (ServiceReference<Recognizer> r : context.getServiceReferences(Recognizer.class, "(ductus.name=" + name + ")")) {
                last = r;
                if (condition.test(r)) return r;
            }
            Thread.sleep(5);
        }
        fail("pipeline " + name + " never reached the expected state; last status: "
                + (last == null ? "not registered" : last.getProperty("ductus.status")));
        return null;
    }

    static boolean ready(ServiceReference<Recognizer> r) {
        return Boolean.TRUE.equals(r.getProperty("ductus.ready"));
    }

    static String status(ServiceReference<Recognizer> r) {
        return String.valueOf(r.getProperty("ductus.status"));
    }
}
