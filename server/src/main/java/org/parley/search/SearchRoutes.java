package org.parley.search;

import io.javalin.http.Context;
import org.parley.auth.RequestAuth;
import org.parley.http.Params;

/** REST handler for {@code GET /api/search?q=&limit=&cursor=}. */
public final class SearchRoutes {
    private final SearchService search;

    public SearchRoutes(SearchService search) {
        this.search = search;
    }

    public void search(Context ctx) {
        ctx.json(search.search(RequestAuth.principal(ctx), ctx.queryParam("q"), Params.queryInt(ctx, "limit"),
                ctx.queryParam("cursor")));
    }
}
